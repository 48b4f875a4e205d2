# Lo que un agente lee a quien llama, en español. Un distrito puede cambiar cualquier mensaje:
# copie este archivo a <config dir>/care/caller/es.ftl y cambie las palabras; care rellena los
# valores entre llaves ({ $center }, { $setup }, { $why }, …).

## Las preguntas frecuentes del distrito sobre MFA (care faq, la llamada guiada)

faq-left-phone-question = ¿Qué hago si dejé mi teléfono en casa?
faq-left-phone-answer = Si le piden MFA y no tiene su celular, el Centro de Atención al Cliente ({ $center }) le puede dar un código temporal de un solo uso. Es un código al azar y dura poco tiempo: úselo para entrar ahora. No tiene que cambiar nada más. Cuando tenga su teléfono otra vez, lo usa como siempre.

faq-lost-phone-question = ¿Qué hago si pierdo mi teléfono o cambio de número?
faq-lost-phone-answer = Quitamos el teléfono perdido de su cuenta. Así nadie lo puede usar para entrar como usted. Entre con el código temporal. Después vaya a { $setup } y agregue su teléfono nuevo o la aplicación Microsoft Authenticator (o una llave de acceso). Le recomendamos agregar también un segundo número, para que sea más fácil la próxima vez.

faq-no-signal-question = ¿Qué hago si mi teléfono no tiene señal?
faq-no-signal-answer = Use la aplicación Microsoft Authenticator. Le muestra un código de 6 dígitos que funciona aunque su teléfono no tenga señal ni internet. En la pantalla de inicio de sesión, elija "Usar un código de verificación" y escriba el código que le muestra la aplicación.

faq-no-mobile-question = ¿Qué hago si no tengo celular ni tableta?
faq-no-mobile-answer = Puede usar un número de RingCentral, o un teléfono de escritorio si recibe llamadas desde fuera de la escuela o de la oficina central. Llame al Centro de Atención al Cliente ({ $center }) o visite jcps.me/help y lo configuramos con usted.

faq-office-phone-question = Quiero usar el teléfono de mi oficina (o un número de RingCentral). ¿Puedo?
faq-office-phone-answer = Lo mejor es un teléfono personal. Puede usar un teléfono de escritorio si recibe llamadas desde fuera de la escuela o de la oficina central, o un número de RingCentral. Por favor, no use la línea principal de la escuela o del departamento: esa llamada va a una cola de espera. Y con un teléfono de oficina no puede entrar cuando está fuera del edificio.

faq-no-personal-device-question = No tengo teléfono, o no quiero usar mi teléfono personal. ¿Qué hago?
faq-no-personal-device-answer = Si tiene un número de RingCentral, lo puede usar. También puede usar un teléfono de escritorio si recibe llamadas desde fuera de la escuela.

faq-change-number-question = Quiero cambiar el número al que llaman para MFA. ¿Cómo lo hago?
faq-change-number-answer = Todas sus opciones de MFA están en { $setup }. Entre ahí, elija "Información de seguridad" y agregue o cambie su teléfono. Si no puede entrar, se lo cambiamos en esta llamada, después de confirmar quién es usted.

faq-native-mail-question = Leo mi correo con la aplicación de correo que viene en mi teléfono. ¿Funciona con MFA?
faq-native-mail-answer = Con la versión más reciente de iOS o Android, sí funciona. Si su teléfono tiene una versión más antigua, actualícelo, o mejor use la aplicación Microsoft Outlook.

faq-delegate-question = Tengo acceso de delegado al buzón de otra persona. ¿Cómo funciona con MFA?
faq-delegate-answer = Si de verdad tiene acceso de delegado al otro buzón, MFA no cambia nada para usted. Si agregó el buzón de esa persona a su Outlook y tiene que escribir la contraseña de esa persona para verlo, usted no tiene acceso de delegado: está entrando como esa persona. El dueño del buzón tiene que darle acceso de delegado en su propio Outlook (Archivo > Configuración de la cuenta > Acceso de delegado). Después usted lo abre con su propia cuenta.

faq-how-often-question = ¿Cada cuánto voy a tener que usar mi teléfono para entrar?
faq-how-often-answer = Cada vez que escriba su contraseña le pueden pedir un segundo paso. Cuente con que se lo pidan por lo menos una vez al día. La mayoría de las aplicaciones recuerdan que ya entró mientras siga en el mismo equipo y la misma red. Si cambia de red, por ejemplo al salir de la escuela para ir a casa, se lo pueden pedir otra vez.

faq-options-question = ¿Qué opciones de verificación tenemos?
faq-options-answer = Una notificación en la aplicación Microsoft Authenticator, un código de verificación de la aplicación Authenticator (cambia cada 30 segundos), un mensaje de texto con un código de 6 dígitos, o una llamada en la que usted oprime la tecla numeral (#) para terminar de entrar.

faq-why-question = ¿Por qué usamos MFA?
faq-why-answer = Para proteger su información y la de nuestros estudiantes. Una contraseña sola se puede robar o adivinar; el segundo paso confirma que de verdad es usted.

## La llamada guiada: lo que se dice cuando no se hizo un paso de la respuesta

call-no-pass-today = En este momento no pudimos darle un código temporal ({ $why }). Cuando tenga su teléfono, entre como siempre, o vuelva a llamarnos.
call-lost-phone-removed = Quitamos el teléfono perdido de su cuenta. Así nadie lo puede usar para entrar como usted.
call-lost-phone-still-there = Una forma de entrar del teléfono perdido ({ $what }) sigue en su cuenta ({ $why }). Quien tenga el teléfono todavía podría usarlo para entrar como usted: le vamos a dar seguimiento.
call-signed-out = Cerramos su sesión en todos los equipos.
call-not-signed-out = No pudimos cerrar su sesión en todos los equipos ({ $why }).
call-lost-phone-next = Entre con el código temporal. Después vaya a { $setup } y agregue su teléfono nuevo o la aplicación Microsoft Authenticator (o una llave de acceso).
call-no-pass-call-back = No le pudimos dar un código temporal ({ $why }). Le vamos a devolver la llamada a un número que tenemos registrado.
call-number-not-changed = No cambiamos el número al que llaman ({ $why }).
call-default-not-changed = No cambiamos su método de inicio de sesión predeterminado ({ $why }).
call-no-signal-pass = Entre ahora con el código temporal. Después agregue la aplicación Microsoft Authenticator en { $setup }: el código de la aplicación funciona sin señal.
call-no-signal-no-pass = No le pudimos dar un código temporal ({ $why }). El código de la aplicación Microsoft Authenticator funciona sin señal: agréguela en { $setup } cuando pueda entrar.
call-office-not-set = No configuramos un teléfono de oficina para usted ({ $why }).

## Por qué no se hizo un paso, en palabras para quien llama

because-declined = paramos antes de hacer ese cambio
because-held = primero tenemos que revisar algo en su cuenta
because-failed = algo no funcionó de nuestro lado

## Deletrear un código por teléfono

spell-capital = { $word } mayúscula
spell-small = { $word } minúscula
spell-digit-0 = cero
spell-digit-1 = uno
spell-digit-2 = dos
spell-digit-3 = tres
spell-digit-4 = cuatro
spell-digit-5 = cinco
spell-digit-6 = seis
spell-digit-7 = siete
spell-digit-8 = ocho
spell-digit-9 = nueve
spell-plus = signo de más
spell-at = arroba
spell-hash = numeral (gato)
spell-dollar = signo de dólar
spell-percent = signo de porcentaje
spell-ampersand = y comercial (ampersand)
spell-asterisk = asterisco
spell-exclamation = signo de exclamación
spell-question = signo de interrogación
spell-dash = guion medio
spell-underscore = guion bajo
spell-period = punto
