# What an agent reads to a caller, in English. A district may change any message: copy this
# file to <config dir>/care/caller/en.ftl (and es.ftl for Spanish) and edit the words; the
# placeables ({ $center }, { $setup }, { $why }, …) are filled in by care.

## The district's MFA FAQ (care faq, the guided call)

faq-left-phone-question = What if I left my phone at home?
faq-left-phone-answer = If you are asked for MFA and don't have your mobile phone, the Customer Care Center ({ $center }) can give you a one-time temporary passcode. It is randomly generated and only works for a short time: use it to sign in now. Nothing else needs to change; you will use your phone again once you have it back.

faq-lost-phone-question = What if I lose my phone or change my phone number?
faq-lost-phone-answer = We removed the lost phone from your account so nobody else can use it to sign in as you. Sign in with the temporary passcode, then go to { $setup } and add your new phone or the Microsoft Authenticator app (or a passkey). We encourage you to also add a second phone number, so this is easier next time.

faq-no-signal-question = What if I cannot get a signal on my phone?
faq-no-signal-answer = Use the Microsoft Authenticator app: it shows a 6-digit code that works even when your phone has no signal or internet connection. Choose 'Use a verification code' on the sign-in screen and type the code the app shows.

faq-no-mobile-question = What if I do not have a mobile device (phone or tablet)?
faq-no-mobile-answer = You can use a RingCentral number, or a desk phone if it can be dialled from outside the school or central office. Call the Customer Care Center ({ $center }) or visit jcps.me/help and we will set it up with you.

faq-office-phone-question = I want to use my office phone (or a RingCentral number). Can I?
faq-office-phone-answer = A personal device is best. You can use a desk phone if it can be dialled from outside the school or central office, or a RingCentral number. Please don't use the main school or department line: that call goes to a call queue. And with an office phone, you can't sign in when you are away from the building.

faq-no-personal-device-question = I don't have a phone, or don't want to use my personal device. What do I do?
faq-no-personal-device-answer = If you have a RingCentral number, you can use it, or you can use a desk phone if it can be dialled from outside the school.

faq-change-number-question = I would like to change the number that is called for MFA. How?
faq-change-number-answer = All your MFA options are at { $setup }: sign in there, choose Security info, and add or change your phone. If you can't sign in, we can change it for you on this call once we have verified who you are.

faq-native-mail-question = I check my email with my phone's own mail app. Will it work with MFA?
faq-native-mail-answer = With the latest version of iOS or Android it works. If your phone is on an older version, update it, or use the Microsoft Outlook app instead.

faq-delegate-question = I am a delegate for another person's mailbox. How does this work with MFA?
faq-delegate-answer = If you are truly a delegate of the other mailbox, MFA changes nothing for you. If you added their mailbox to your Outlook and have to type their password to see it, you are not a delegate: you are signing in as them. The mailbox owner must add you as a delegate in their own Outlook (File > Account Settings > Delegate Access); then you open it with your own sign-in.

faq-how-often-question = How often will I have to use my phone to sign in?
faq-how-often-answer = Any time you type your password you may be asked for a second factor; expect it at least once a day. Most applications carry your sign-in over as long as you stay on the same device and network. When you change networks, for example leaving school to go home, you may be asked again.

faq-options-question = What verification options do we have?
faq-options-answer = A notification in the Microsoft Authenticator app, a verification code from the Authenticator app (it changes every 30 seconds), a text message with a 6-digit code, or a phone call where you press # to finish signing in.

faq-why-question = Why are we using MFA?
faq-why-answer = To protect your information and our students' information: a password alone can be stolen or guessed; the second factor makes sure it is really you.

## The guided call: what is said when a step of the FAQ's answer was not done

call-no-pass-today = We could not give you a temporary passcode just now ({ $why }). Once you have your phone, sign in as usual; or call us back.
call-lost-phone-removed = We removed the lost phone from your account so nobody else can use it to sign in as you.
call-lost-phone-still-there = The lost phone's { $what } is still on your account ({ $why }), so whoever has the phone could still use it to sign in as you: we will follow up.
call-signed-out = We signed you out everywhere.
call-not-signed-out = We could not sign you out everywhere ({ $why }).
call-lost-phone-next = Sign in with the temporary passcode, then go to { $setup } and add your new phone or the Microsoft Authenticator app (or a passkey).
call-no-pass-call-back = We could not give you a temporary passcode ({ $why }); we will call you back on a number on file.
call-number-not-changed = We did not change the number that is called ({ $why }).
call-default-not-changed = We did not change your default sign-in method ({ $why }).
call-no-signal-pass = Sign in now with the temporary passcode. Then add the Microsoft Authenticator app at { $setup }: its code works without signal.
call-no-signal-no-pass = We could not give you a temporary passcode ({ $why }). The Microsoft Authenticator app's code works without signal: add it at { $setup } when you can sign in.
call-office-not-set = We did not set an office phone for you ({ $why }).

## Why a step was not done, for the caller's ears

because-declined = we stopped before making that change
because-held = we need to check something on your account first
because-failed = something did not work on our side

## Spelling a code on the phone

spell-capital = capital { $word }
spell-small = small { $word }
spell-digit-0 = zero
spell-digit-1 = one
spell-digit-2 = two
spell-digit-3 = three
spell-digit-4 = four
spell-digit-5 = five
spell-digit-6 = six
spell-digit-7 = seven
spell-digit-8 = eight
spell-digit-9 = nine
spell-plus = plus sign
spell-at = at sign
spell-hash = hash
spell-dollar = dollar sign
spell-percent = percent sign
spell-ampersand = ampersand
spell-asterisk = asterisk
spell-exclamation = exclamation mark
spell-question = question mark
spell-dash = dash
spell-underscore = underscore
spell-period = period
