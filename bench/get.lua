-- wrk script: GET /v1.0/users/{upn} for the walkthrough users in turn (keep-alive).
local users = {"maria.garcia", "kevin.patel", "pat.hayes", "linda.brooks", "tom.reed", "sean.o%27brien"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/v1.0/users/" .. users[(n % #users) + 1] .. "@district.example",
    {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("unexpected status " .. status .. "\n") end
end
