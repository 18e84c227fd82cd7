<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="228"/>
        <source>Stop motion</source>
        <translation>Detener movimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="229"/>
        <source>Start motion</source>
        <translation>Activar movimiento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="210"/>
        <source>Touch the screen anywhere to start, or press Enter.</source>
        <translation>Toque la pantalla en cualquier lugar para empezar, o pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="212"/>
        <source>To hear a screen read aloud, touch Listen or press the Help key. The Tab key and the arrows move between the buttons.</source>
        <translation>Para oír una pantalla en voz alta, toque Escuchar o pulse la tecla de Ayuda. La tecla Tab y las flechas pasan de un botón a otro.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="222"/>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="224"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/halo.py" line="233"/>
        <source>Stops or starts the moving ring around &quot;Touch to start&quot;.</source>
        <translation>Detiene o activa el anillo que se mueve alrededor de &quot;Toque para empezar&quot;.</translation>
    </message>
</context>
<context>
    <name>BodyMap</name>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="331"/>
        <source>chosen</source>
        <translation>marcada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="331"/>
        <source>not chosen</source>
        <translation>sin marcar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="332"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="487"/>
        <source>Groin</source>
        <translation>Ingle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="488"/>
        <source>Outer hip</source>
        <translation>Lado de la cadera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="489"/>
        <source>Buttock</source>
        <translation>Nalga</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="490"/>
        <source>Low back</source>
        <translation>Parte baja de la espalda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="492"/>
        <source>Front</source>
        <translation>De frente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="492"/>
        <source>Back</source>
        <translation>De espaldas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="493"/>
        <source>Your left</source>
        <translation>Su izquierda</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="493"/>
        <source>Your right</source>
        <translation>Su derecha</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="495"/>
        <source>{0}, your left side</source>
        <translation>{0}, su lado izquierdo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="496"/>
        <source>{0}, your right side</source>
        <translation>{0}, su lado derecho</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/body_map.py" line="503"/>
        <source>Where it hurts: touch all the places that apply</source>
        <translation>Dónde le duele: toque todos los lugares que correspondan</translation>
    </message>
</context>
<context>
    <name>CleaningOverlay</name>
    <message>
        <location filename="../../kiosk/ui/cleaning.py" line="194"/>
        <source>second left</source>
        <translation>segundo restante</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cleaning.py" line="194"/>
        <source>seconds left</source>
        <translation>segundos restantes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cleaning.py" line="199"/>
        <source>Cleaning mode</source>
        <translation>Modo de limpieza</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/cleaning.py" line="200"/>
        <source>Touches are off so the screen can be wiped.</source>
        <translation>La pantalla ignora los toques mientras se limpia.</translation>
    </message>
</context>
<context>
    <name>DisplayControls</name>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="231"/>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="231"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="236"/>
        <source>Stop reading aloud</source>
        <translation>Dejar de leer en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="236"/>
        <source>Listen: read this screen aloud</source>
        <translation>Escuchar: leer esta pantalla en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="255"/>
        <source>Resume reading aloud</source>
        <translation>Seguir leyendo en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="255"/>
        <source>Pause reading aloud</source>
        <translation>Pausar la lectura en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="264"/>
        <source>Volume {0} of {1}. Touch for louder.</source>
        <translation>Volumen {0} de {1}. Toque para subirlo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="266"/>
        <source>Volume {0} of {1}, the loudest. Touch for the softest.</source>
        <translation>Volumen {0} de {1}, el más alto. Toque para el más bajo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="279"/>
        <source>Larger text</source>
        <translation>Letra más grande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="279"/>
        <source>Normal text</source>
        <translation>Letra normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="284"/>
        <source>Text size {0} of {1}, the largest. Touch for normal text.</source>
        <translation>Tamaño de letra {0} de {1}, el más grande. Toque para volver a la letra normal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="292"/>
        <source>Text size {0} of {1}. Touch for larger text.</source>
        <translation>Tamaño de letra {0} de {1}. Toque para letra más grande.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="297"/>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="300"/>
        <source>On: light text on black. Touch to turn it off.</source>
        <translation>Activado: letra clara sobre negro. Toque para desactivarlo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/display_controls.py" line="302"/>
        <source>Off. Touch for light text on black.</source>
        <translation>Desactivado. Toque para letra clara sobre negro.</translation>
    </message>
</context>
<context>
    <name>ExportChoices</name>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="71"/>
        <source>Save the counts on a USB stick</source>
        <translation>Guardar el conteo en una memoria USB</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="73"/>
        <source>Put in a USB stick, then touch &quot;Look for USB sticks again&quot;.</source>
        <translation>Ponga una memoria USB y luego toque «Buscar memorias USB otra vez».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="75"/>
        <source>Look for USB sticks again</source>
        <translation>Buscar memorias USB otra vez</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="78"/>
        <source>Save to {0} ({1})</source>
        <translation>Guardar en {0} ({1})</translation>
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
    <name>FormSection</name>
    <message>
        <location filename="../../kiosk/ui/accessibility.py" line="110"/>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
</context>
<context>
    <name>FormSpeech</name>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="105"/>
        <source>By touch: touch a box to type in it, and a keyboard comes up; touch a choice to choose it.</source>
        <translation>Con el dedo: toque una casilla para escribir en ella y aparecerá un teclado; toque una opción para elegirla.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="109"/>
        <source>By keys: Tab goes to the next question, the arrows move between choices, Enter or Space chooses, and in a box the Down arrow goes into the keyboard.</source>
        <translation>Con teclas: Tab pasa a la siguiente pregunta, las flechas se mueven entre las opciones, Intro o Espacio elige, y en una casilla la flecha abajo entra en el teclado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="161"/>
        <source>Answer {0} or {1}</source>
        <translation>Responda {0} o {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="216"/>
        <source>Text field</source>
        <translation>Campo de texto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="219"/>
        <source>Choose all that apply: {0}</source>
        <translation>Marque todas las que correspondan: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="223"/>
        <source>Choose one of: {0}</source>
        <translation>Elija una de: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="225"/>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="237"/>
        <source>Empty</source>
        <translation>Vacío</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="239"/>
        <source>1 character entered</source>
        <translation>1 carácter escrito</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="240"/>
        <source>{0} characters entered</source>
        <translation>{0} caracteres escritos</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="244"/>
        <source>None chosen</source>
        <translation>No ha marcado ninguna</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="245"/>
        <location filename="../../kiosk/ui/form_speech.py" line="252"/>
        <source>Chosen: {0}</source>
        <translation>Ha elegido: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="251"/>
        <source>Nothing chosen yet</source>
        <translation>Todavía no ha elegido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="258"/>
        <source>chosen</source>
        <translation>elegida</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="258"/>
        <source>not chosen</source>
        <translation>sin elegir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="259"/>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="265"/>
        <source>ticked</source>
        <translation>marcada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="265"/>
        <source>not ticked</source>
        <translation>sin marcar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="266"/>
        <source>{0}, check box, {1}</source>
        <translation>{0}, casilla, {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="273"/>
        <source>{0}, button</source>
        <translation>{0}, botón</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/form_speech.py" line="277"/>
        <source>Needs another look: {0}</source>
        <translation>Revise esto: {0}</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="110"/>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="113"/>
        <source>To keep your information private, this screen will start over in {0} seconds.</source>
        <translation>Para proteger su información, esta pantalla volverá al inicio en {0} segundos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="116"/>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="117"/>
        <source>I need more time</source>
        <translation>Necesito más tiempo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="126"/>
        <source>Touch the screen or press any key if you are still here.</source>
        <translation>Toque la pantalla o pulse cualquier tecla si sigue aquí.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="127"/>
        <source>Or touch &quot;I need more time&quot;.</source>
        <translation>O toque «Necesito más tiempo».</translation>
    </message>
</context>
<context>
    <name>KioskControls</name>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="185"/>
        <source>Default text size</source>
        <translation>Tamaño de letra inicial</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="186"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="186"/>
        <source>Larger</source>
        <translation>Más grande</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="186"/>
        <source>Largest</source>
        <translation>Máximo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="189"/>
        <source>Default contrast</source>
        <translation>Contraste inicial</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="190"/>
        <source>Standard</source>
        <translation>Estándar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="191"/>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="192"/>
        <source>Cleaning mode (60 s)</source>
        <translation>Modo de limpieza (60 s)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="193"/>
        <source>Exit the kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="197"/>
        <source>Exit the kiosk? The screen will show the computer&apos;s desktop until the kiosk is started again.</source>
        <translation>¿Salir del quiosco? La pantalla mostrará el escritorio de la computadora hasta que el quiosco se vuelva a iniciar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="201"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_controls.py" line="202"/>
        <source>No</source>
        <translation>No</translation>
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
        <location filename="../../kiosk/ui/menu.py" line="492"/>
        <source>Or touch &quot;{0}&quot; or &quot;{1}&quot;.</source>
        <translation>O toque «{0}» o «{1}».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="494"/>
        <source>Or touch &quot;{0}&quot;.</source>
        <translation>O toque «{0}».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="544"/>
        <source>Choose a topic</source>
        <translation>Elija un tema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="546"/>
        <source>Touch a topic to read about it. Slide your finger up or down to see more.</source>
        <translation>Toque un tema para leer sobre él. Deslice el dedo hacia arriba o hacia abajo para ver más.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="548"/>
        <source>Start reading</source>
        <translation>Empezar a leer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="549"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="275"/>
        <location filename="../../kiosk/ui/keyboard.py" line="504"/>
        <source>Capital letter</source>
        <translation>Mayúscula</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="505"/>
        <source>Delete the last letter</source>
        <translation>Borrar la última letra</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="279"/>
        <location filename="../../kiosk/ui/keyboard.py" line="418"/>
        <location filename="../../kiosk/ui/keyboard.py" line="506"/>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="277"/>
        <location filename="../../kiosk/ui/keyboard.py" line="454"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="281"/>
        <location filename="../../kiosk/ui/keyboard.py" line="507"/>
        <source>Hide the keyboard</source>
        <translation>Ocultar el teclado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="291"/>
        <source>at sign</source>
        <translation>arroba</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="292"/>
        <source>dot</source>
        <translation>punto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="293"/>
        <source>dash</source>
        <translation>guion</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="294"/>
        <source>underscore</source>
        <translation>guion bajo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="295"/>
        <source>apostrophe</source>
        <translation>apóstrofo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="296"/>
        <source>comma</source>
        <translation>coma</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="297"/>
        <source>and sign</source>
        <translation>y comercial</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="298"/>
        <source>middle dot</source>
        <translation>punto medio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="299"/>
        <source>open bracket</source>
        <translation>abrir paréntesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="300"/>
        <source>close bracket</source>
        <translation>cerrar paréntesis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="301"/>
        <source>plus</source>
        <translation>más</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="309"/>
        <source>n with a tilde</source>
        <translation>eñe</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="311"/>
        <source>{0} with two dots</source>
        <translation>{0} con diéresis</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="313"/>
        <source>{0} with an accent</source>
        <translation>{0} con tilde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="316"/>
        <source>capital {0}</source>
        <translation>{0} mayúscula</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="412"/>
        <source>Keyboard hidden</source>
        <translation>Teclado oculto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="459"/>
        <source>Capital letter on</source>
        <translation>Mayúscula activada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="459"/>
        <source>Capital letter off</source>
        <translation>Mayúscula desactivada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="514"/>
        <source>space</source>
        <translation>espacio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="516"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="287"/>
        <source>Letters with accents</source>
        <translation>Letras con acento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/keyboard.py" line="287"/>
        <source>Plain letters</source>
        <translation>Letras sin acento</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="55"/>
        <source>en</source>
        <comment>the language code of this translation</comment>
        <translation>es</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="66"/>
        <source>Temporarily out of service</source>
        <translation>Fuera de servicio por un momento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="69"/>
        <source>This screen is taking a short break. Please ask at the front desk, we are happy to help.</source>
        <translation>Esta pantalla está en pausa. Pregunte en la recepción, con gusto le ayudamos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="75"/>
        <source>For staff: no page could be shown (1 problem in the content folder). Run &quot;kiosk validate&quot; to see what to fix.</source>
        <translation>Para el personal: no se pudo mostrar ninguna página (1 problema en la carpeta de contenido). Ejecute &quot;kiosk validate&quot; para ver qué corregir.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="80"/>
        <source>For staff: no page could be shown ({0} problems in the content folder). Run &quot;kiosk validate&quot; to see what to fix.</source>
        <translation>Para el personal: no se pudo mostrar ninguna página ({0} problemas en la carpeta de contenido). Ejecute &quot;kiosk validate&quot; para ver qué corregir.</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../kiosk/ui/page_view.py" line="162"/>
        <source>More below</source>
        <translation>Más abajo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/page_view.py" line="162"/>
        <source>Scroll down to read more</source>
        <translation>Bajar el texto para leer más</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="275"/>
        <source>No digits entered</source>
        <translation>Ningún dígito escrito</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="277"/>
        <source>1 digit entered</source>
        <translation>1 dígito escrito</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="279"/>
        <source>{0} digits entered</source>
        <translation>{0} dígitos escritos</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="308"/>
        <source>That PIN is not right. 1 try left.</source>
        <translation>Ese PIN no es correcto. Le queda 1 intento.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="310"/>
        <source>That PIN is not right. {0} tries left.</source>
        <translation>Ese PIN no es correcto. Le quedan {0} intentos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="315"/>
        <source>The staff panel is not set up. IT sets a PIN with: kiosk staff pin</source>
        <translation>El panel del personal no está configurado. Soporte técnico pone un PIN con: kiosk staff pin</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="324"/>
        <source>Locked. Try again in {0} min {1} s.</source>
        <translation>Bloqueado. Intente de nuevo en {0} min {1} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="326"/>
        <source>Locked. Try again in {0} min.</source>
        <translation>Bloqueado. Intente de nuevo en {0} min.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="327"/>
        <source>Locked. Try again in {0} s.</source>
        <translation>Bloqueado. Intente de nuevo en {0} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="330"/>
        <source>Staff panel</source>
        <translation>Solo personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="331"/>
        <source>Enter the staff PIN</source>
        <translation>Escriba el PIN del personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="332"/>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="333"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_pad.py" line="334"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ProblemPanel</name>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="201"/>
        <source>Show list</source>
        <translation>Mostrar lista</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="201"/>
        <source>Hide list</source>
        <translation>Ocultar lista</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="209"/>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="213"/>
        <source>Preview: no problems in {0}</source>
        <translation>Vista previa: no hay problemas en {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="214"/>
        <source>Preview: problems in {0}: {1}</source>
        <translation>Vista previa: problemas en {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="216"/>
        <source>Preview: no problems in the content folder</source>
        <translation>Vista previa: no hay problemas en la carpeta de contenido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="217"/>
        <source>Preview: problems outside the pages shown: {0}</source>
        <translation>Vista previa: problemas fuera de las páginas mostradas: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="225"/>
        <source>The folder could not be read again ({0}). This is the last version.</source>
        <translation>No se pudo volver a leer la carpeta ({0}). Esta es la última versión.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="234"/>
        <source>The page you were on, {0}, is now left out because of errors. Fix them and save: it comes back.</source>
        <translation>La página en la que estaba, {0}, queda fuera por errores. Corríjalos y guarde: volverá a mostrarse.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/preview_overlay.py" line="243"/>
        <source>Left out of the menu because of errors: {0}</source>
        <translation>Fuera del menú por errores: {0}</translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <location filename="../../kiosk/ui/qr_code.py" line="84"/>
        <source>QR code: scan to read this page at home</source>
        <translation>Código QR: escanee para leer esta página en casa</translation>
    </message>
</context>
<context>
    <name>ReadAloud</name>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="103"/>
        <source>option</source>
        <translation>opción</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="105"/>
        <source>check box</source>
        <translation>casilla</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="107"/>
        <source>button</source>
        <translation>botón</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="111"/>
        <source>text field</source>
        <translation>campo de texto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="113"/>
        <source>page text</source>
        <translation>texto de la página</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="119"/>
        <source>selected</source>
        <translation>elegido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/read_aloud.py" line="121"/>
        <source>not selected</source>
        <translation>no elegido</translation>
    </message>
</context>
<context>
    <name>ReaderScreen</name>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="227"/>
        <source>Picture: {0}</source>
        <translation>Imagen: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="469"/>
        <location filename="../../kiosk/ui/reader.py" line="480"/>
        <location filename="../../kiosk/ui/reader.py" line="494"/>
        <location filename="../../kiosk/ui/reader.py" line="500"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="470"/>
        <location filename="../../kiosk/ui/reader.py" line="495"/>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="471"/>
        <location filename="../../kiosk/ui/reader.py" line="497"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="471"/>
        <source>Home: all topics</source>
        <translation>Inicio: todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="473"/>
        <location filename="../../kiosk/ui/reader.py" line="475"/>
        <location filename="../../kiosk/ui/reader.py" line="496"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="473"/>
        <source>Back to all topics</source>
        <translation>Volver a todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="475"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="478"/>
        <location filename="../../kiosk/ui/reader.py" line="499"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="478"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="482"/>
        <location filename="../../kiosk/ui/reader.py" line="501"/>
        <source>Back to topics</source>
        <translation>Temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="482"/>
        <source>Finish: all topics</source>
        <translation>Terminar: todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="485"/>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="486"/>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
</context>
<context>
    <name>RequestFormScreen</name>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="390"/>
        <source>Sorry, your request could not be saved. Please ask at the front desk.</source>
        <translation>Lo sentimos, no pudimos guardar su solicitud. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="549"/>
        <source>That is longer than we can take.</source>
        <translation>Es más largo de lo que podemos guardar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="552"/>
        <source>Please check the phone number: it should be a number we can call, such as 312 555 0123.</source>
        <translation>Revise el número de teléfono: debe ser un número al que podamos llamar, como 312 555 0123.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="555"/>
        <source>This email address does not look right.</source>
        <translation>Este correo electrónico no parece correcto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="557"/>
        <source>Please tick the box so we may contact you.</source>
        <translation>Marque la casilla para que podamos contactarle.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="559"/>
        <source>Please enter your name.</source>
        <translation>Escriba su nombre.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="561"/>
        <source>Please enter a phone number we can call.</source>
        <translation>Escriba un número de teléfono al que podamos llamar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="562"/>
        <source>Please choose one.</source>
        <translation>Elija una opción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="573"/>
        <source>Some answers need another look. They are marked above.</source>
        <translation>Algunas respuestas necesitan una revisión. Están marcadas arriba.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="581"/>
        <source>Your details are kept encrypted on this kiosk until they are sent.</source>
        <translation>Sus datos se guardan cifrados en este quiosco hasta que se envían.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="584"/>
        <source>They are sent to the clinic sealed, so only the clinic can open them.</source>
        <translation>Se envían a la clínica sellados, de modo que solo la clínica puede abrirlos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="587"/>
        <source>They are saved as a file in the clinic&apos;s folder, which staff with access to that folder can read.</source>
        <translation>Se guardan como un archivo en la carpeta de la clínica, que puede leer el personal con acceso a esa carpeta.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="590"/>
        <source>They travel to the clinic over a secure connection.</source>
        <translation>Llegan a la clínica por una conexión segura.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="592"/>
        <source>They are sent to the clinic by email.</source>
        <translation>Se envían a la clínica por correo electrónico.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="594"/>
        <source>Once the clinic has them, this kiosk keeps no copy it can read.</source>
        <translation>Cuando la clínica los recibe, este quiosco no guarda ninguna copia que pueda leer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="601"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="602"/>
        <source>Fill in your details and the clinic will call you.</source>
        <translation>Escriba sus datos y la clínica le llamará.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="604"/>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="605"/>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="606"/>
        <source>Email (you can leave this empty)</source>
        <translation>Correo electrónico (puede dejarlo vacío)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="607"/>
        <source>Best time to call you</source>
        <translation>Mejor hora para llamarle</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="608"/>
        <source>Which clinic suits you?</source>
        <translation>¿Qué clínica le conviene?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="609"/>
        <source>Where does it hurt?</source>
        <translation>¿Dónde le duele?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="610"/>
        <source>How long has it hurt?</source>
        <translation>¿Desde cuándo le duele?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="611"/>
        <source>May we contact you?</source>
        <translation>¿Podemos contactarle?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="614"/>
        <source>We will call you on this number.</source>
        <translation>Le llamaremos a este número.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="615"/>
        <source>Touch every place that hurts. You can skip this.</source>
        <translation>Toque cada lugar que le duele. Puede saltar esta parte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="629"/>
        <source>Morning</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="630"/>
        <source>Afternoon</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="631"/>
        <source>Evening</source>
        <translation>Noche</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="632"/>
        <source>Any time</source>
        <translation>A cualquier hora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="637"/>
        <source>Less than 6 weeks</source>
        <translation>Menos de 6 semanas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="638"/>
        <source>6 weeks to 3 months</source>
        <translation>De 6 semanas a 3 meses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="639"/>
        <source>More than 3 months</source>
        <translation>Más de 3 meses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="642"/>
        <source>Yes, the clinic may contact me about a visit</source>
        <translation>Sí, la clínica puede contactarme para una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="645"/>
        <source>Discard what you have entered?</source>
        <translation>¿Borrar lo que ha escrito?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="646"/>
        <source>Yes, discard</source>
        <translation>Sí, borrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="647"/>
        <source>No, keep editing</source>
        <translation>No, seguir escribiendo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="649"/>
        <source>Send request</source>
        <translation>Enviar solicitud</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="650"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/request_form.py" line="650"/>
        <source>Cancel and forget what I typed</source>
        <translation>Cancelar y borrar lo que escribí</translation>
    </message>
</context>
<context>
    <name>StaffPages</name>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="80"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="85"/>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="88"/>
        <source>today {0}</source>
        <translation>hoy {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="90"/>
        <source>yesterday {0}</source>
        <translation>ayer {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="99"/>
        <source>none waiting</source>
        <translation>ninguna en espera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="102"/>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="104"/>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="108"/>
        <source>{0} h {1} min</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="110"/>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="114"/>
        <source>1 day</source>
        <translation>1 día</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="116"/>
        <source>{0} days</source>
        <translation>{0} días</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="125"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="127"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="134"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="148"/>
        <source>Needs attention: {0}</source>
        <translation>Necesita atención: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="355"/>
        <source>… and {0} more</source>
        <translation>… y {0} más</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="360"/>
        <source>1 problem</source>
        <translation>1 problema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_pages.py" line="362"/>
        <source>{0} problems</source>
        <translation>{0} problemas</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="292"/>
        <source>All is well</source>
        <translation>Todo está bien</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="306"/>
        <source>… and {0} more rows: save the counts to see them all.</source>
        <translation>… y {0} filas más: guarde el conteo para verlas todas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="437"/>
        <source>Staff panel</source>
        <translation>Panel del personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="438"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="439"/>
        <source>Content</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="439"/>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="439"/>
        <source>Usage</source>
        <translation>Uso</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="439"/>
        <source>This kiosk</source>
        <translation>Este quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="442"/>
        <source>Reload the pages now</source>
        <translation>Recargar las páginas ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="443"/>
        <source>Try sending now</source>
        <translation>Intentar enviar ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="444"/>
        <source>Usage counts</source>
        <translation>Conteo de uso</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_panel.py" line="448"/>
        <source>Not checked yet</source>
        <translation>Todavía sin revisar</translation>
    </message>
</context>
<context>
    <name>StaffReport</name>
    <message>
        <location filename="../../kiosk/staff/report.py" line="136"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="137"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="138"/>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="141"/>
        <source>events and polling</source>
        <translation>avisos y verificación periódica</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="142"/>
        <source>polling only</source>
        <translation>solo verificación periódica</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="143"/>
        <source>none: built-in defaults</source>
        <translation>ninguno: valores de fábrica</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="146"/>
        <source>none: this kiosk keeps nothing (a preview)</source>
        <translation>ninguna: este quiosco no guarda nada (vista previa)</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="243"/>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="245"/>
        <source>Pages from</source>
        <translation>Carpeta de las páginas</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="247"/>
        <source>Pages shown</source>
        <translation>Páginas mostradas</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="251"/>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="252"/>
        <source>Read at</source>
        <translation>Hora de lectura</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="254"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="259"/>
        <source>Last look at the folder</source>
        <translation>Última verificación de la carpeta</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="264"/>
        <source>Watching the folder</source>
        <translation>Vigilancia de la carpeta</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="268"/>
        <source>Problems in the pages</source>
        <translation>Problemas en las páginas</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="271"/>
        <source>Pages past their review date</source>
        <translation>Páginas con la revisión vencida</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="285"/>
        <source>Taking requests</source>
        <translation>Acepta solicitudes</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="290"/>
        <source>Visit requests</source>
        <translation>Solicitudes de cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="294"/>
        <location filename="../../kiosk/staff/report.py" line="331"/>
        <source>Outbox readable</source>
        <translation>Bandeja de salida legible</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="311"/>
        <location filename="../../kiosk/staff/report.py" line="342"/>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="317"/>
        <source>Oldest waiting</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="320"/>
        <source>Delivered today</source>
        <translation>Entregadas hoy</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="325"/>
        <location filename="../../kiosk/staff/report.py" line="344"/>
        <source>Last delivery</source>
        <translation>Última entrega</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="327"/>
        <source>Refused by the receiver</source>
        <translation>Rechazadas por el receptor</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="329"/>
        <source>Sealed with a missing key</source>
        <translation>Selladas con una clave que falta</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="349"/>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="354"/>
        <source>Last error at</source>
        <translation>Hora del último error</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="366"/>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="368"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="369"/>
        <source>Started</source>
        <translation>Hora de inicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="371"/>
        <source>Running for</source>
        <translation>Tiempo en marcha</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="376"/>
        <source>Settings file</source>
        <translation>Archivo de configuración</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="380"/>
        <source>Problems in the settings file</source>
        <translation>Problemas en el archivo de configuración</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff/report.py" line="384"/>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="29"/>
        <source>fewer than 5</source>
        <translation>menos de 5</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="34"/>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="35"/>
        <source>Which</source>
        <translation>Cuál</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="36"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="37"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="38"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="39"/>
        <source>All days kept</source>
        <translation>Todos los días guardados</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="43"/>
        <source>Visits</source>
        <translation>Visitas</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="44"/>
        <source>Page views</source>
        <translation>Páginas vistas</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="45"/>
        <source>Time on a page</source>
        <translation>Tiempo en una página</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="46"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="47"/>
        <source>Text size</source>
        <translation>Tamaño de letra</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="48"/>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="49"/>
        <source>Read aloud</source>
        <translation>Lectura en voz alta</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="50"/>
        <source>Visit form</source>
        <translation>Formulario de cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="51"/>
        <source>Form left at question</source>
        <translation>Formulario dejado en la pregunta</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="56"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="57"/>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="58"/>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="59"/>
        <source>used</source>
        <translation>usada</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="60"/>
        <source>high</source>
        <translation>alto</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="61"/>
        <source>standard</source>
        <translation>estándar</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="62"/>
        <source>opened</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="63"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="64"/>
        <source>abandoned</source>
        <translation>abandonado</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="65"/>
        <source>under 10 s</source>
        <translation>menos de 10 s</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="66"/>
        <source>10-30 s</source>
        <translation>10-30 s</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="67"/>
        <source>30-60 s</source>
        <translation>30-60 s</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="68"/>
        <source>1-3 min</source>
        <translation>1-3 min</translation>
    </message>
    <message>
        <location filename="../../kiosk/usage/table.py" line="69"/>
        <source>over 3 min</source>
        <translation>más de 3 min</translation>
    </message>
</context>
<context>
    <name>StaffSide</name>
    <message>
        <location filename="../../kiosk/staff_side.py" line="256"/>
        <source>Reading the pages again. This page shows the result in a moment.</source>
        <translation>Leyendo de nuevo las páginas. Esta página mostrará el resultado en un momento.</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff_side.py" line="261"/>
        <source>This kiosk takes no visit requests now.</source>
        <translation>Este quiosco no acepta solicitudes de cita por ahora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff_side.py" line="264"/>
        <source>Sending the waiting requests now. This page shows the result.</source>
        <translation>Enviando ahora las solicitudes en espera. Esta página mostrará el resultado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff_side.py" line="280"/>
        <source>Could not save the file there: %1</source>
        <translation>No se pudo guardar el archivo ahí: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff_side.py" line="283"/>
        <source>Saved %1</source>
        <translation>Guardado: %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/staff_side.py" line="295"/>
        <source>This choice is used until the kiosk restarts: it could not be saved.</source>
        <translation>Esta opción se usará solo hasta que el quiosco se reinicie: no se pudo guardar.</translation>
    </message>
</context>
<context>
    <name>TakeHomeCode</name>
    <message>
        <location filename="../../kiosk/ui/qr_code.py" line="167"/>
        <source>Scan to read this at home</source>
        <translation>Escanee para leer en casa</translation>
    </message>
</context>
<context>
    <name>ThankYouScreen</name>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="285"/>
        <source>Your reference code is: {0}.</source>
        <translation>Su código de referencia es: {0}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="286"/>
        <source>Again: {0}.</source>
        <translation>Otra vez: {0}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="289"/>
        <source>When you have finished, touch &quot;{0}&quot;.</source>
        <translation>Cuando termine, toque «{0}».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="304"/>
        <source>Thank you</source>
        <translation>Gracias</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="305"/>
        <source>We have your request.</source>
        <translation>Recibimos su solicitud.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="306"/>
        <source>Your reference code</source>
        <translation>Su código de referencia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="309"/>
        <source>Your reference code is {0}</source>
        <translation>Su código de referencia es {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="312"/>
        <source>The clinic will call you, usually within one working day.</source>
        <translation>La clínica le llamará, normalmente en un día hábil.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="314"/>
        <source>You can show this code at the front desk.</source>
        <translation>Puede mostrar este código en la recepción.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/thank_you.py" line="315"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
</TS>
