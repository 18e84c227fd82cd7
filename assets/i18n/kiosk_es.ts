<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="226"/>
        <source>Stop motion</source>
        <translation>Detener movimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="227"/>
        <source>Start motion</source>
        <translation>Activar movimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="196"/>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="198"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="231"/>
        <source>Stops or starts the moving ring around &quot;Touch to start&quot;.</source>
        <translation>Detiene o activa el anillo que se mueve alrededor de &quot;Toque para empezar&quot;.</translation>
    </message>
</context>
<context>
    <name>BodyMap</name>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="449"/>
        <source>Groin</source>
        <translation>Ingle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="450"/>
        <source>Outer hip</source>
        <translation>Lado de la cadera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="451"/>
        <source>Buttock</source>
        <translation>Nalga</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="452"/>
        <source>Low back</source>
        <translation>Parte baja de la espalda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="454"/>
        <source>Front</source>
        <translation>De frente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="454"/>
        <source>Back</source>
        <translation>De espaldas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="455"/>
        <source>Your left</source>
        <translation>Su izquierda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="455"/>
        <source>Your right</source>
        <translation>Su derecha</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="457"/>
        <source>{0}, your left side</source>
        <translation>{0}, su lado izquierdo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="458"/>
        <source>{0}, your right side</source>
        <translation>{0}, su lado derecho</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="465"/>
        <source>Where it hurts: touch all the places that apply</source>
        <translation>Dónde le duele: toque todos los lugares que correspondan</translation>
    </message>
</context>
<context>
    <name>DisplayControls</name>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="127"/>
        <source>Larger text</source>
        <translation>Letra más grande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="127"/>
        <source>Normal text</source>
        <translation>Letra normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="132"/>
        <source>Text size {0} of {1}, the largest. Touch for normal text.</source>
        <translation>Tamaño de letra {0} de {1}, el más grande. Toque para volver a la letra normal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="140"/>
        <source>Text size {0} of {1}. Touch for larger text.</source>
        <translation>Tamaño de letra {0} de {1}. Toque para letra más grande.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="145"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="148"/>
        <source>On: light text on black. Touch to turn it off.</source>
        <translation>Activado: letra clara sobre negro. Toque para desactivarlo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="150"/>
        <source>Off. Touch for light text on black.</source>
        <translation>Desactivado. Toque para letra clara sobre negro.</translation>
    </message>
</context>
<context>
    <name>FatalErrorScreen</name>
    <message>
        <location filename="../../kiosk/ui/fatal_error.py" line="65"/>
        <source>This screen is restarting, please wait</source>
        <translation>Esta pantalla se está reiniciando, espere por favor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/fatal_error.py" line="68"/>
        <source>It will be back in a minute. If it is not, please ask at the front desk, we are happy to help.</source>
        <translation>Volverá en un minuto. Si no vuelve, pregunte en la recepción, con gusto le ayudamos.</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="104"/>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="107"/>
        <source>To keep your information private, this screen will start over in {0} seconds.</source>
        <translation>Para proteger su información, esta pantalla volverá al inicio en {0} segundos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="110"/>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="111"/>
        <source>I need more time</source>
        <translation>Necesito más tiempo</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <location filename="../../kiosk/ui/language_switch.py" line="53"/>
        <source>Change language to {0}</source>
        <translation>Cambiar el idioma a {0}</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="415"/>
        <source>Choose a topic</source>
        <translation>Elija un tema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="417"/>
        <source>Touch a topic to read about it. Slide your finger up or down to see more.</source>
        <translation>Toque un tema para leer sobre él. Deslice el dedo hacia arriba o hacia abajo para ver más.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="419"/>
        <source>Start reading</source>
        <translation>Empezar a leer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="420"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="338"/>
        <source>Capital letter</source>
        <translation>Mayúscula</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="339"/>
        <source>Delete the last letter</source>
        <translation>Borrar la última letra</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="340"/>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="341"/>
        <source>Hide the keyboard</source>
        <translation>Ocultar el teclado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="348"/>
        <source>space</source>
        <translation>espacio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="350"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="355"/>
        <source>Letters with accents</source>
        <translation>Letras con acento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="355"/>
        <source>Plain letters</source>
        <translation>Letras sin acento</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="60"/>
        <source>Temporarily out of service</source>
        <translation>Fuera de servicio por un momento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="63"/>
        <source>This screen is taking a short break. Please ask at the front desk, we are happy to help.</source>
        <translation>Esta pantalla está en pausa. Pregunte en la recepción, con gusto le ayudamos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="69"/>
        <source>For staff: no page could be shown (1 problem in the content folder). Run &quot;kiosk validate&quot; to see what to fix.</source>
        <translation>Para el personal: no se pudo mostrar ninguna página (1 problema en la carpeta de contenido). Ejecute &quot;kiosk validate&quot; para ver qué corregir.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="74"/>
        <source>For staff: no page could be shown ({0} problems in the content folder). Run &quot;kiosk validate&quot; to see what to fix.</source>
        <translation>Para el personal: no se pudo mostrar ninguna página ({0} problemas en la carpeta de contenido). Ejecute &quot;kiosk validate&quot; para ver qué corregir.</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../kiosk/ui/page_view.py" line="134"/>
        <source>More below</source>
        <translation>Más abajo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/page_view.py" line="134"/>
        <source>Scroll down to read more</source>
        <translation>Bajar el texto para leer más</translation>
    </message>
</context>
<context>
    <name>ReaderScreen</name>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="348"/>
        <location filename="../../kiosk/ui/reader.py" line="370"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="349"/>
        <location filename="../../kiosk/ui/reader.py" line="372"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="349"/>
        <source>Home: all topics</source>
        <translation>Inicio: todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="352"/>
        <location filename="../../kiosk/ui/reader.py" line="354"/>
        <location filename="../../kiosk/ui/reader.py" line="371"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="352"/>
        <source>Back to all topics</source>
        <translation>Volver a todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="354"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="356"/>
        <location filename="../../kiosk/ui/reader.py" line="373"/>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="356"/>
        <source>Finish and see all topics</source>
        <translation>Terminar y ver todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="358"/>
        <location filename="../../kiosk/ui/reader.py" line="373"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="358"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="360"/>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
</context>
<context>
    <name>RequestFormScreen</name>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="336"/>
        <source>Sorry, your request could not be saved. Please ask at the front desk.</source>
        <translation>Lo sentimos, no pudimos guardar su solicitud. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="514"/>
        <source>That is longer than we can take.</source>
        <translation>Es más largo de lo que podemos guardar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="517"/>
        <source>Please check the phone number: it should be a number we can call, such as 312 555 0123.</source>
        <translation>Revise el número de teléfono: debe ser un número al que podamos llamar, como 312 555 0123.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="520"/>
        <source>This email address does not look right.</source>
        <translation>Este correo electrónico no parece correcto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="522"/>
        <source>Please tick the box so we may contact you.</source>
        <translation>Marque la casilla para que podamos contactarle.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="524"/>
        <source>Please enter your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="526"/>
        <source>Please enter a phone number we can call.</source>
        <translation>Escriba un número de teléfono al que podamos llamar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="527"/>
        <source>Please choose one.</source>
        <translation>Elija una opción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="538"/>
        <source>Some answers need another look. They are marked above.</source>
        <translation>Algunas respuestas necesitan una revisión. Están marcadas arriba.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="546"/>
        <source>Your details are kept encrypted on this kiosk until they are sent.</source>
        <translation>Sus datos se guardan cifrados en este quiosco hasta que se envían.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="549"/>
        <source>They are sent to the clinic sealed, so only the clinic can open them.</source>
        <translation>Se envían a la clínica sellados, de modo que solo la clínica puede abrirlos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="552"/>
        <source>They are saved as a file in the clinic&apos;s folder, which staff with access to that folder can read.</source>
        <translation>Se guardan como un archivo en la carpeta de la clínica, que puede leer el personal con acceso a esa carpeta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="555"/>
        <source>They travel to the clinic over a secure connection.</source>
        <translation>Llegan a la clínica por una conexión segura.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="557"/>
        <source>They are sent to the clinic by email.</source>
        <translation>Se envían a la clínica por correo electrónico.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="559"/>
        <source>Once the clinic has them, this kiosk keeps no copy it can read.</source>
        <translation>Cuando la clínica los recibe, este quiosco no guarda ninguna copia que pueda leer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="566"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="567"/>
        <source>Fill in your details and the clinic will call you.</source>
        <translation>Escriba sus datos y la clínica le llamará.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="569"/>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="570"/>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="571"/>
        <source>Email (you can leave this empty)</source>
        <translation>Correo electrónico (puede dejarlo vacío)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="572"/>
        <source>Best time to call you</source>
        <translation>Mejor hora para llamarle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="573"/>
        <source>Which clinic suits you?</source>
        <translation>¿Qué clínica le conviene?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="574"/>
        <source>Where does it hurt?</source>
        <translation>¿Dónde le duele?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="575"/>
        <source>How long has it hurt?</source>
        <translation>¿Desde cuándo le duele?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="576"/>
        <source>May we contact you?</source>
        <translation>¿Podemos contactarle?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="579"/>
        <source>We will call you on this number.</source>
        <translation>Le llamaremos a este número.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="580"/>
        <source>Touch every place that hurts. You can skip this.</source>
        <translation>Toque cada lugar que le duele. Puede saltar esta parte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="588"/>
        <source>Morning</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="589"/>
        <source>Afternoon</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="590"/>
        <source>Evening</source>
        <translation>Noche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="591"/>
        <source>Any time</source>
        <translation>A cualquier hora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="596"/>
        <source>Less than 6 weeks</source>
        <translation>Menos de 6 semanas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="597"/>
        <source>6 weeks to 3 months</source>
        <translation>De 6 semanas a 3 meses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="598"/>
        <source>More than 3 months</source>
        <translation>Más de 3 meses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="601"/>
        <source>Yes, the clinic may contact me about a visit</source>
        <translation>Sí, la clínica puede contactarme para una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="604"/>
        <source>Discard what you have entered?</source>
        <translation>¿Borrar lo que ha escrito?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="605"/>
        <source>Yes, discard</source>
        <translation>Sí, borrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="606"/>
        <source>No, keep editing</source>
        <translation>No, seguir escribiendo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="608"/>
        <source>Send request</source>
        <translation>Enviar solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="609"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="609"/>
        <source>Cancel and forget what I typed</source>
        <translation>Cancelar y borrar lo que escribí</translation>
    </message>
</context>
<context>
    <name>ThankYouScreen</name>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="269"/>
        <source>Thank you</source>
        <translation>Gracias</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="270"/>
        <source>We have your request.</source>
        <translation>Recibimos su solicitud.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="271"/>
        <source>Your reference code</source>
        <translation>Su código de referencia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="274"/>
        <source>Your reference code is {0}</source>
        <translation>Su código de referencia es {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="277"/>
        <source>The clinic will call you, usually within one working day.</source>
        <translation>La clínica le llamará, normalmente en un día hábil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="279"/>
        <source>You can show this code at the front desk.</source>
        <translation>Puede mostrar este código en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="280"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
</TS>
