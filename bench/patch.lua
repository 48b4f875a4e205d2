-- wrk script: PATCH the mobile phone of the walkthrough users in turn (keep-alive).
local users = {"maria.garcia", "kevin.patel", "pat.hayes", "linda.brooks", "tom.reed", "sean.o%27brien"}
local n = 0
request = function()
  n = n + 1
  local who = users[(n % #users) + 1]
  local body = string.format('{"phoneNumber":"+1 502555%04d"}', n % 10000)
  return wrk.format("PATCH", "/v1.0/users/" .. who .. "@district.example/authentication/phoneMethods/3179e48a-750b-4051-897c-87b9720928f7",
    {["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status ~= 204 then io.stderr:write("unexpected status " .. status .. "\n") end
end
