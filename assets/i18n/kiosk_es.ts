<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="114"/>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/attract.py" line="115"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="71"/>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="74"/>
        <source>To keep your information private, this screen will start over in {0} seconds.</source>
        <translation>Para proteger su información, esta pantalla volverá al inicio en {0} segundos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/idle_overlay.py" line="77"/>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
</context>
<context>
    <name>MenuScreen</name>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="237"/>
        <source>Choose a topic</source>
        <translation>Elija un tema</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="239"/>
        <source>Touch a topic to read about it. Slide your finger up or down to see more.</source>
        <translation>Toque un tema para leer sobre él. Deslice el dedo hacia arriba o hacia abajo para ver más.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="241"/>
        <source>Start reading</source>
        <translation>Empezar a leer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="242"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/menu.py" line="248"/>
        <source>Change language to {0}</source>
        <translation>Cambiar el idioma a {0}</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="49"/>
        <source>Temporarily out of service</source>
        <translation>Fuera de servicio por un momento</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="52"/>
        <source>This screen is taking a short break. Please ask at the front desk, we are happy to help.</source>
        <translation>Esta pantalla está en pausa. Pregunte en la recepción, con gusto le ayudamos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/out_of_service.py" line="58"/>
        <source>For staff: no page could be shown ({0} problems in the content folder). Run &quot;kiosk validate&quot; to see what to fix.</source>
        <translation>Para el personal: no se pudo mostrar ninguna página ({0} problemas en la carpeta de contenido). Ejecute &quot;kiosk validate&quot; para ver qué corregir.</translation>
    </message>
</context>
<context>
    <name>ReaderScreen</name>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="210"/>
        <source>Request a visit</source>
        <translation>Pedir una cita</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="211"/>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="211"/>
        <source>Home: all topics</source>
        <translation>Inicio: todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="214"/>
        <location filename="../../kiosk/ui/reader.py" line="216"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="214"/>
        <source>Back to all topics</source>
        <translation>Volver a todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="216"/>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="218"/>
        <source>Finish</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="218"/>
        <source>Finish and see all topics</source>
        <translation>Terminar y ver todos los temas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="220"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="220"/>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/reader.py" line="222"/>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
</context>
</TS>
