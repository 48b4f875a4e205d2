# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_care_global_optspecs
    string join \n o/output= graph-url= login-url= tenant= client-id= ticket= verified-by= evidence= no-notify= override= profile= sandbox y/yes no-input accessible v/verbose debug config= h/help V/version
end

function __fish_care_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_care_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_care_using_subcommand
    set -l cmd (__fish_care_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c care -n "__fish_care_needs_command" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_needs_command" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_needs_command" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_needs_command" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_needs_command" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_needs_command" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_needs_command" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_needs_command" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_needs_command" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_needs_command" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_needs_command" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_needs_command" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_needs_command" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_needs_command" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_needs_command" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_needs_command" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_needs_command" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_needs_command" -s V -l version -d 'Print version'
complete -c care -n "__fish_care_needs_command" -f -a "user" -d 'Look a caller up: the caller card, or search by name'
complete -c care -n "__fish_care_needs_command" -f -a "passcode" -d 'Temporary Access Passes: issue, show, revoke'
complete -c care -n "__fish_care_needs_command" -f -a "tap" -d 'Temporary Access Passes: issue, show, revoke'
complete -c care -n "__fish_care_needs_command" -f -a "phone" -d 'MFA phone numbers: list, set, remove, SMS sign-in'
complete -c care -n "__fish_care_needs_command" -f -a "method" -d 'Authentication methods: list, remove one, or require re-registration'
complete -c care -n "__fish_care_needs_command" -f -a "delegate" -d 'Calendar delegates: is someone really a delegate?'
complete -c care -n "__fish_care_needs_command" -f -a "session" -d 'Sign a user out everywhere'
complete -c care -n "__fish_care_needs_command" -f -a "signin" -d 'Recent sign-ins with MFA detail'
complete -c care -n "__fish_care_needs_command" -f -a "fob" -d 'Key fobs (hardware OATH, Graph beta): the box, give one, activate it, take it back'
complete -c care -n "__fish_care_needs_command" -f -a "passkey" -d 'Passkeys made at the desk for someone; list and remove a person\'s passkeys'
complete -c care -n "__fish_care_needs_command" -f -a "qr" -d 'QR code + PIN sign-in for staff on shared devices: a badge and a PIN, a temporary code'
complete -c care -n "__fish_care_needs_command" -f -a "policies" -d 'The tenant\'s QR code + PIN, key fob and passkey policies in plain words: who, what is allowed'
complete -c care -n "__fish_care_needs_command" -f -a "readiness" -d 'Ready for 2027-02-01: who relies on SMS/voice only, by school, and the next step for each'
complete -c care -n "__fish_care_needs_command" -f -a "report" -d 'Reports across the tenant'
complete -c care -n "__fish_care_needs_command" -f -a "api" -d 'Send any Graph request (JSON out), with care\'s sign-in, retries and errors'
complete -c care -n "__fish_care_needs_command" -f -a "sandbox" -d 'Run and manage the sandbox tenant (a Graph-compatible MFA backend)'
complete -c care -n "__fish_care_needs_command" -f -a "bulk" -d 'The same changes for every row of a CSV: preflight, dry run, pacing, journal, resume'
complete -c care -n "__fish_care_needs_command" -f -a "call" -d 'A live call, guided by the district\'s FAQ: find and verify the caller, pick what they need, make the changes'
complete -c care -n "__fish_care_needs_command" -f -a "faq" -d 'The district\'s MFA FAQ, ready to read to a caller'
complete -c care -n "__fish_care_needs_command" -f -a "verify" -d 'Before a change on a call: the numbers on file to call back, the manager to ask; records how the caller was verified'
complete -c care -n "__fish_care_needs_command" -f -a "audit" -d 'The local, hash-chained audit log of changes: list or verify it'
complete -c care -n "__fish_care_needs_command" -f -a "login" -d 'Sign in to the tenant as yourself, or as the app for unattended jobs'
complete -c care -n "__fish_care_needs_command" -f -a "auth" -d 'Sign-in: status, logout (and login)'
complete -c care -n "__fish_care_needs_command" -f -a "config" -d 'The config file: show the settings in effect, its path, set or unset a key'
complete -c care -n "__fish_care_needs_command" -f -a "completions" -d 'Print a shell\'s completion script (bash, zsh, fish, powershell, elvish)'
complete -c care -n "__fish_care_needs_command" -f -a "man" -d 'Print the man page (or write one page per command with --dir)'
complete -c care -n "__fish_care_needs_command" -f -a "help" -d 'Help on a command (`care help passcode issue`) or a topic: environment, exit-codes'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -f -a "show" -d 'The caller card: who they are, their MFA methods, pass, recent failures and warnings'
complete -c care -n "__fish_care_using_subcommand user; and not __fish_seen_subcommand_from show search" -f -a "search" -d 'Find people by name, mail or UPN'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l limit -d 'Show at most N people' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand user; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -f -a "issue" -d 'Issue a time-limited pass (one-time by default) and show its code once'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -f -a "show" -d 'Show whether the user has a pass and until when (never the code)'
complete -c care -n "__fish_care_using_subcommand passcode; and not __fish_seen_subcommand_from issue show revoke" -f -a "revoke" -d 'Delete the user\'s pass'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l lifetime -d 'How long the pass works, e.g. 1h, 90m, 8h [default: the tenant policy\'s default]' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l start -d 'When the pass starts working: 14:30 (today), 2026-12-01 07:30 (local), or RFC 3339 [default: now]' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l lang -d 'The caller\'s language for the spelling [default: the config\'s caller-language, else en]' -r -f -a "en\t''
es\t''"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l one-time -d 'The pass works for one sign-in (the default)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l multi-use -d 'The pass works for every sign-in until it expires'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l replace -d 'Replace a pass the user can still use without asking'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l phonetic -d 'Also spell the code with the phonetic alphabet, for reading it over the phone'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passcode; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -f -a "issue" -d 'Issue a time-limited pass (one-time by default) and show its code once'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -f -a "show" -d 'Show whether the user has a pass and until when (never the code)'
complete -c care -n "__fish_care_using_subcommand tap; and not __fish_seen_subcommand_from issue show revoke" -f -a "revoke" -d 'Delete the user\'s pass'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l lifetime -d 'How long the pass works, e.g. 1h, 90m, 8h [default: the tenant policy\'s default]' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l start -d 'When the pass starts working: 14:30 (today), 2026-12-01 07:30 (local), or RFC 3339 [default: now]' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l lang -d 'The caller\'s language for the spelling [default: the config\'s caller-language, else en]' -r -f -a "en\t''
es\t''"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l one-time -d 'The pass works for one sign-in (the default)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l multi-use -d 'The pass works for every sign-in until it expires'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l replace -d 'Replace a pass the user can still use without asking'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l phonetic -d 'Also spell the code with the phonetic alphabet, for reading it over the phone'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand tap; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -f -a "list" -d 'List the user\'s MFA phone numbers'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -f -a "set" -d 'Add or change a phone number, given as the caller says it'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -f -a "remove" -d 'Remove one of the user\'s phones'
complete -c care -n "__fish_care_using_subcommand phone; and not __fish_seen_subcommand_from list set remove sms-signin" -f -a "sms-signin" -d 'Turn SMS sign-in (a code by text instead of a password) on or off for the mobile phone'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l type -d 'Which phone' -r -f -a "mobile\t''
alternate\t''
office\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l region -d 'Region for numbers without a country code [default: the config\'s region, else US]' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l type -d 'Which phone' -r -f -a "mobile\t''
alternate\t''
office\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand phone; and __fish_seen_subcommand_from sms-signin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -f -a "list" -d 'List a user\'s authentication methods'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -f -a "remove" -d 'Remove one method, by id or by kind (phone, mobile, alternate, office, authenticator, oath, passkey, windows-hello, email, tap)'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -f -a "reset" -d 'Require re-registration: remove every method but the password, then revoke sessions'
complete -c care -n "__fish_care_using_subcommand method; and not __fish_seen_subcommand_from list remove reset default" -f -a "default" -d 'Set the user\'s default MFA method (what they are asked for first)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l new-default -d 'When the method is the user\'s default, make this the default first (asked on a terminal)' -r -f -a "push\t'A notification in Microsoft Authenticator'
oath\t'A code from an authenticator app (works without signal)'
sms\t'A text to the mobile phone'
voice-mobile\t'A call to the mobile phone'
voice-alternate\t'A call to the alternate mobile phone'
voice-office\t'A call to the office phone'"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand method; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -f -a "check" -d 'Is DELEGATE a delegate of OWNER? Calendar, inbox, Send on Behalf and the verdict in plain words'
complete -c care -n "__fish_care_using_subcommand delegate; and not __fish_seen_subcommand_from check list" -f -a "list" -d 'Everyone with access to OWNER\'s calendar, inbox or Send on Behalf, delegates marked'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand delegate; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand session; and not __fish_seen_subcommand_from revoke" -f -a "revoke" -d 'Invalidate the user\'s refresh tokens and session cookies (signs them out everywhere)'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand session; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand signin; and not __fish_seen_subcommand_from list" -f -a "list" -d 'The user\'s recent sign-ins, newest first'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l since -d 'How far back: a duration (2h, 24h, 7d) or a time (2026-11-28), 30 days at most' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l limit -d 'At most N sign-ins' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l failures -d 'Only failed sign-ins'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand signin; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -f -a "list" -d 'The tenant\'s key fobs: serial, model, state, whose (Graph beta)'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -f -a "assign" -d 'Give a person a fob from the box, by the serial number on its back (Graph beta)'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -f -a "activate" -d 'Activate a fob with the six digits it shows now (it is given to them first if need be; Graph beta)'
complete -c care -n "__fish_care_using_subcommand fob; and not __fish_seen_subcommand_from list assign activate unassign" -f -a "unassign" -d 'Take a fob back from a person; it stays in the box for someone else (Graph beta)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l available -d 'Only the fobs nobody has (to hand out)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand fob; and __fish_seen_subcommand_from unassign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -f -a "provision" -d 'Make a passkey for a person at the desk on the security key plugged in, and register it'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -f -a "list" -d 'The person\'s passkeys: model, AAGUID, made when'
complete -c care -n "__fish_care_using_subcommand passkey; and not __fish_seen_subcommand_from provision list remove" -f -a "remove" -d 'Remove one of the person\'s passkeys, by its id'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l name -d 'The passkey\'s name, as the person sees it in their security info [default: "Passkey made at the Care Center"]' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l software -d 'Make it with care\'s software key, the sandbox\'s training key, instead of a security key (refused against a real tenant)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l key-pin-stdin -d 'The security key already has a PIN: read it from standard input (on a terminal care asks for it, hidden). A key with no PIN gets a new random one, shown once'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from provision" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand passkey; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -f -a "issue" -d 'Make a QR code + PIN: a badge (the policy\'s lifetime) and a PIN shown once'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -f -a "temp" -d 'A temporary QR code for a forgotten badge, 1 to 12 hours (the PIN stays)'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -f -a "pin-reset" -d 'A new PIN, shown once (the badge stays)'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -f -a "show" -d 'The user\'s QR code + PIN: the badge\'s and the temporary code\'s dates, the PIN\'s state'
complete -c care -n "__fish_care_using_subcommand qr; and not __fish_seen_subcommand_from issue temp pin-reset show remove" -f -a "remove" -d 'Delete the user\'s QR code + PIN method (a lost badge: then issue a new one)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l badge -d 'Also write a printable badge (name, school, the code, valid until) to this new .png or .pdf file' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l hours -d 'How long the code works: 1 to 12 hours (a shift is 8)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l badge -d 'Also write it as a printable badge to this new .png or .pdf file' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from temp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from pin-reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand qr; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand policies" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand policies" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand policies" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand policies" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand policies" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand policies" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand policies" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand policies" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand policies" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand policies" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand policies" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand policies" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand policies" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand policies" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand policies" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand policies" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand policies" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand policies" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand policies" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand readiness" -l school -d 'Only the schools or offices whose names start with these words (`cedar`, "cedar grove")' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand readiness" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand readiness" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand readiness" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand readiness" -l history -d 'The snapshots of earlier runs instead: the count toward zero, run by run'
complete -c care -n "__fish_care_using_subcommand readiness" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand readiness" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand readiness" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand readiness" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand readiness" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand readiness" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand readiness" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -f -a "sms-only" -d 'Users whose only MFA methods are phones (SMS/voice retire on 2027-02-01)'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -f -a "calls" -d 'The center\'s calls: how many, how long, what they changed, how many were resolved on the first call (proved from the tenant), repeat callers, refusals and overrides, cost'
complete -c care -n "__fish_care_using_subcommand report; and not __fish_seen_subcommand_from sms-only calls fraud" -f -a "fraud" -d 'Impostors stopped, per week: failed verifications, changes a red flag stopped, other refusals and overrides with their reasons (this machine\'s audit log; on the sandbox also its seeded week), and MFA prompts users reported as fraud (the tenant\'s sign-in log)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l school -d 'Only the schools or offices whose names start with these words (`cedar`, "cedar grove")' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from sms-only" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l since -d 'How far back: a duration (7d, 24h) or a time (2026-11-30)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l by -d 'One row per agent, per scenario (what the call was about) or per school' -r -f -a "agent\t''
scenario\t''
school\t''"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l log -d 'Another agent\'s records too: what `care audit list -o json` printed on their machine (repeat for each)' -r -F
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l cost-per-call -d 'What a call costs the center, for the cost column [default: 0]' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l html -d 'Also write the report as one self-contained web page (charts inline, nothing fetched)' -r -F
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l from-tenant -d 'Every agent\'s changes from the tenant\'s audit log (changes to authentication methods) besides the records here: a change both hold counts once, as part of its call'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from calls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l since -d 'How far back: a duration (30d, 2w) or a time (2026-11-01)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand report; and __fish_seen_subcommand_from fraud" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand api" -l body -d 'JSON body, or - to read it from stdin' -r
complete -c care -n "__fish_care_using_subcommand api" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand api" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand api" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand api" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand api" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand api" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand api" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand api" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand api" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand api" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand api" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand api" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand api" -l paginate -d 'Follow @odata.nextLink and print every item as one {"value": [...]}'
complete -c care -n "__fish_care_using_subcommand api" -l eventual -d 'Send ConsistencyLevel: eventual (advanced queries: $search, $count, endsWith, ne)'
complete -c care -n "__fish_care_using_subcommand api" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand api" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand api" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand api" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand api" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand api" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand api" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -f -a "serve" -d 'Serve the sandbox tenant until Ctrl-C, printing CARE_* variables a shell can source'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -f -a "reset" -d 'Delete the sandbox tenant\'s data and seed it anew'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -f -a "approve" -d 'Approve (or decline) a device-code sign-in as a sandbox user'
complete -c care -n "__fish_care_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset approve outbox" -f -a "outbox" -d 'The mail the sandbox was asked to send (nothing leaves it): notices to users, codes to managers'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on; port 0 picks a free port (the real one is printed)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l db -d 'Database file, or :memory: for a throw-away tenant [default: the platform data dir\'s care/sandbox.db]' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l users -d 'Staff to seed into a new tenant (1 to 200,000)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed of the generated tenant (the same seed gives the same people and methods)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l faults -d 'Inject faults, e.g. 429=0.1,500=0.02,503=0.05,504=0.02,drop-before=0.02,drop-after=0.02,latency=5ms..40ms (add retry-after=SECS to change the Retry-After of 429/503)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-seed -d 'Seed of the fault dice, so a run can be repeated' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l read-limit -d 'Throttle reads per app to N requests per SECS seconds (429 with Retry-After beyond it)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l write-limit -d 'Throttle writes per app to N requests per SECS seconds' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l idle-timeout -d 'Close a connection that takes longer than this to send a request\'s headers, or sits idle this long between requests' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l max-connections -d 'Serve at most this many connections at once (more wait)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l app-certificate -d 'Register this PEM certificate (its public part) on the sandbox app, for `care login --app --certificate`' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l allow-remote -d 'Listen on an address that is not loopback (the sandbox has no real security)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-premium -d 'The tenant has no Entra ID P1/P2 licence: sign-in logs and reports answer 403'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l p1 -d 'The licence is P1, not P2: Identity Protection\'s risky users answer 403 (the risk detections still answer)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l db -d 'Database file, or :memory: for a throw-away tenant [default: the platform data dir\'s care/sandbox.db]' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l users -d 'Staff to seed into a new tenant (1 to 200,000)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l seed -d 'Seed of the generated tenant (the same seed gives the same people and methods)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l as -d 'The sandbox user who approves it' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l decline -d 'Decline the sign-in instead'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l to -d 'Only mail to (or copied to) this address' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand sandbox; and __fish_seen_subcommand_from outbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "phone-set" -d 'Set each row\'s MFA phone. Columns: user,phone[,type]'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "passcode-issue" -d 'Issue each row\'s user a Temporary Access Pass; the codes go to --codes-out only. Columns: user[,lifetime][,start]'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "session-revoke" -d 'Sign each row\'s user out everywhere. Columns: user'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "method-reset" -d 'Remove every MFA method of each row\'s user but the password, then sign them out. Columns: user'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "qr-issue" -d 'Make each row\'s user a QR code + PIN badge (Graph v1.0): the PINs go to --codes-out only, the badges to --badges (one PNG each, and printable sheets of four). Columns: user'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "passkey-provision" -d 'Make each row\'s user a passkey on a new security key from the box, one key at a time (care asks for the next key); the PINs care sets on the keys go to --codes-out only. Columns: user'
complete -c care -n "__fish_care_using_subcommand bulk; and not __fish_seen_subcommand_from phone-set passcode-issue session-revoke method-reset qr-issue passkey-provision status" -f -a "status" -d 'Bulk jobs in the state dir: how far each got (or one job in detail)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l region -d 'Region of numbers without a country code [default: the config\'s region, else US]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from phone-set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l codes-out -d 'Where the codes go: a new CSV file, created readable only by you, never overwritten' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l multi-use -d 'Passes work for every sign-in until they expire (default: one-time)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passcode-issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from session-revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from method-reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l codes-out -d 'Where the PINs go: a new CSV file, created readable only by you, never overwritten' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l badges -d 'A new folder (private) for the badges: one PNG each, and sheet-1.png … to print' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from qr-issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l file -d 'The file: a CSV (comma-, semicolon- or tab-separated) or a workbook (.xlsx, .xls, .ods), or - for standard input' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l sheet -d 'The sheet of a workbook to read [default: the first]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l concurrency -d 'Rows worked on at once [default: the config\'s bulk-concurrency, else 8]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l rate -d 'The backend\'s write limit, N/SECS [default: the config\'s bulk-rate, else Graph\'s 3000/150]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l headroom -d 'Percent of the write limit left to agents on calls [default: the config\'s bulk-headroom, else 20]' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l report -d 'Write a record per row (user, action, outcome, reason, Graph request-id) to a new file, readable only by you: CSV, or JSON when the name ends in .json' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l approved-by -d 'Who approved this job (a bulk run has no caller to verify): recorded once in the audit log, with --reason, and named in every row\'s record' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l reason -d 'Why the job is run, e.g. "Cedar Grove changes carrier on 12 December"' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l codes-out -d 'Where the keys\' new PINs go: a new CSV file, created readable only by you, never overwritten' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l check -d 'Only check the file (no requests, nothing changed); exit 2 if a row is invalid'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l dry-run -d 'Read the current state and print what each row would change; change nothing'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l skip-invalid -d 'Run the valid rows even if some are invalid (those end as skipped)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l resume -d 'Finish a run of this file that was stopped or killed'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l force -d 'Run a file again although its job finished (or start over an unfinished one)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l software -d 'Make them with care\'s software key, the sandbox\'s training key, instead of keys from the box (refused against a real tenant)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from passkey-provision" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand bulk; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand call" -l lang -d 'The caller\'s language, for what is read to them [default: the config\'s caller-language, else en]' -r -f -a "en\t''
es\t''"
complete -c care -n "__fish_care_using_subcommand call" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand call" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand call" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand call" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand call" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand call" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand call" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand call" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand call" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand call" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand call" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand call" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand call" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand call" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand call" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand call" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand call" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand call" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand call" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand faq" -l lang -d 'The caller\'s language [default: the config\'s caller-language, else en]' -r -f -a "en\t''
es\t''"
complete -c care -n "__fish_care_using_subcommand faq" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand faq" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand faq" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand faq" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand faq" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand faq" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand faq" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand faq" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand faq" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand faq" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand faq" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand faq" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand faq" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand faq" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand faq" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand faq" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand faq" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand faq" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand faq" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand verify" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand verify" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand verify" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand verify" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand verify" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand verify" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand verify" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand verify" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand verify" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand verify" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand verify" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand verify" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand verify" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand verify" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand verify" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand verify" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand verify" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand verify" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -f -a "list" -d 'The records, oldest first (filtered)'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -f -a "export" -d 'The records as they are kept (one JSON object a line, chain fields and all), for `care report calls --log` on a lead\'s machine'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -f -a "verify" -d 'Check the hash chain: finds an edited, inserted or deleted record, and records cut from the end (exit 1)'
complete -c care -n "__fish_care_using_subcommand audit; and not __fish_seen_subcommand_from list export verify reconcile" -f -a "reconcile" -d 'Hold this log against the tenant\'s own audit log (directoryAudits), which no agent can rewrite: changes by care\'s app or by you that have no record here, successes here the tenant never saw, intents with no outcome (exit 1 when anything does not match)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'Only records this recent: a duration (24h, 7d) or a time (2026-11-28, RFC 3339)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l user -d 'Only changes to this user (UPN or object id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l agent -d 'Only changes by this agent (UPN, or `app CLIENT-ID`)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Only records this recent: a duration (24h, 7d) or a time (2026-11-28, RFC 3339)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l user -d 'Only changes to this user (UPN or object id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l agent -d 'Only changes by this agent (UPN, or `app CLIENT-ID`)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l since -d 'How far back: a duration (24h, 7d) or a time (2026-11-28, RFC 3339); the tenant keeps 7 days (Entra ID Free) or 30 (P1/P2)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand audit; and __fish_seen_subcommand_from reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand login" -l certificate -d 'PEM file with the app\'s certificate and its private key (signed client assertion)' -r -F
complete -c care -n "__fish_care_using_subcommand login" -l timeout -d 'Seconds to wait for the browser\'s answer' -r
complete -c care -n "__fish_care_using_subcommand login" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand login" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand login" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand login" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand login" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand login" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand login" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand login" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand login" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand login" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand login" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand login" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand login" -l device-code -d 'Sign in with a code on another device (SSH sessions, machines without a browser). Many tenants block this flow with Conditional Access'
complete -c care -n "__fish_care_using_subcommand login" -l no-browser -d 'Print the sign-in URL instead of opening a browser'
complete -c care -n "__fish_care_using_subcommand login" -l app -d 'Sign in as the app (client credentials), for unattended jobs: the secret comes from --client-secret-stdin or CARE_CLIENT_SECRET, or use --certificate'
complete -c care -n "__fish_care_using_subcommand login" -l client-secret-stdin -d 'Read the app\'s client secret from standard input (a secret is never a flag value)'
complete -c care -n "__fish_care_using_subcommand login" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand login" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand login" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand login" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand login" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand login" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "login" -d 'Sign in (the same as `care login`)'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "status" -d 'Who is signed in: account, tenant, profile, roles or scopes, expiry, where it is kept'
complete -c care -n "__fish_care_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "logout" -d 'Forget the saved sign-in of the profile (or of every profile)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l certificate -d 'PEM file with the app\'s certificate and its private key (signed client assertion)' -r -F
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Seconds to wait for the browser\'s answer' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l device-code -d 'Sign in with a code on another device (SSH sessions, machines without a browser). Many tenants block this flow with Conditional Access'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-browser -d 'Print the sign-in URL instead of opening a browser'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l app -d 'Sign in as the app (client credentials), for unattended jobs: the secret comes from --client-secret-stdin or CARE_CLIENT_SECRET, or use --certificate'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-secret-stdin -d 'Read the app\'s client secret from standard input (a secret is never a flag value)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l all -d 'Every profile\'s sign-in'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -f -a "show" -d 'The settings in effect for this profile, and where each comes from'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -f -a "path" -d 'Print the config file\'s path'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -f -a "set" -d 'Set a key: in the profile named by --profile/CARE_PROFILE, else at the top level'
complete -c care -n "__fish_care_using_subcommand config; and not __fish_seen_subcommand_from show path set unset" -f -a "unset" -d 'Remove a key (same rules as set)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand completions" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand completions" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand completions" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand completions" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand completions" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand completions" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand completions" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand completions" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand completions" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand completions" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand completions" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand completions" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand completions" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand completions" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand completions" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand completions" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand completions" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c care -n "__fish_care_using_subcommand man" -l dir -d 'Write one page per command (care.1, care-user-show.1, …) into this folder instead of printing care.1' -r -F
complete -c care -n "__fish_care_using_subcommand man" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand man" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand man" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand man" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand man" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand man" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand man" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand man" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand man" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand man" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand man" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand man" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand man" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand man" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand man" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand man" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand man" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand man" -s h -l help -d 'Print help'
complete -c care -n "__fish_care_using_subcommand help" -l graph-url -d 'Graph root without version, e.g. https://graph.microsoft.com' -r
complete -c care -n "__fish_care_using_subcommand help" -l login-url -d 'Identity-platform root, e.g. https://login.microsoftonline.com' -r
complete -c care -n "__fish_care_using_subcommand help" -l tenant -d 'Tenant id or domain' -r
complete -c care -n "__fish_care_using_subcommand help" -l client-id -d 'App (client) id: the app registration agents sign in through, or the app of app-only sign-in (its secret comes from CARE_CLIENT_SECRET)' -r
complete -c care -n "__fish_care_using_subcommand help" -l ticket -d 'The help-desk ticket this change is for (required on a real tenant)' -r
complete -c care -n "__fish_care_using_subcommand help" -l verified-by -d 'How the caller was verified (required for passes, phones and method changes)' -r -f -a "callback\t'Called back on a number of record (on file, and unchanged for policy.callback-min-age-days)'
manager\t'Their manager, called on a number on file, confirmed who they are'
manager-code\t'Their manager read back a one-time code care mailed them'
in-person\t'Seen in person with their badge'
verified-id\t'A Microsoft Entra Verified ID presentation'"
complete -c care -n "__fish_care_using_subcommand help" -l evidence -d 'What backs --verified-by: the number you called back (callback), the witness\'s name (in-person), the ticket system\'s reference (verified-id)' -r
complete -c care -n "__fish_care_using_subcommand help" -l no-notify -d 'Do not mail the user (and their manager) about the change; the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand help" -l override -d 'Go ahead although the district\'s policy would refuse (limits, shared accounts); the reason is recorded' -r
complete -c care -n "__fish_care_using_subcommand help" -l profile -d 'A profile of the config file (tenant, client id, cloud)' -r
complete -c care -n "__fish_care_using_subcommand help" -l config -d 'Config file [default: the platform config dir\'s care/config.toml]' -r -F
complete -c care -n "__fish_care_using_subcommand help" -s o -l output -d 'Output format [default: table; on a pipe a table is tab-separated without a header]' -r -f -a "table\t''
json\t''
csv\t''"
complete -c care -n "__fish_care_using_subcommand help" -l sandbox -d 'Use the embedded sandbox tenant even if a tenant is configured'
complete -c care -n "__fish_care_using_subcommand help" -s y -l yes -d 'Answer yes to confirmations (needed for changes when not on a terminal)'
complete -c care -n "__fish_care_using_subcommand help" -l no-input -d 'Never prompt; a change that needs confirmation then needs --yes'
complete -c care -n "__fish_care_using_subcommand help" -l accessible -d 'Prompts for screen readers: numbered choices and typed answers, nothing redrawn'
complete -c care -n "__fish_care_using_subcommand help" -s v -l verbose -d 'Log what care does on stderr'
complete -c care -n "__fish_care_using_subcommand help" -l debug -d 'Trace HTTP requests on stderr (secrets redacted)'
complete -c care -n "__fish_care_using_subcommand help" -s h -l help -d 'Print help (see more with \'--help\')'
