<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ClipPreview</name>
    <message>
        <source>What the picture shows</source>
        <translation>Lo que muestra la imagen</translation>
    </message>
    <message>
        <source>The selected clip</source>
        <translation>El clip seleccionado</translation>
    </message>
    <message>
        <source>Select a clip on the timeline to play it.</source>
        <translation>Seleccione un clip en la línea de tiempo para reproducirlo.</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>Un fotograma atrás</translation>
    </message>
    <message>
        <source>One frame back (comma)</source>
        <translation>Un fotograma atrás (coma)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Play or pause the clip</source>
        <translation>Reproducir o pausar el clip</translation>
    </message>
    <message>
        <source>Play or pause the clip (Space)</source>
        <translation>Reproducir o pausar el clip (Espacio)</translation>
    </message>
    <message>
        <source>One frame on</source>
        <translation>Un fotograma adelante</translation>
    </message>
    <message>
        <source>One frame on (full stop)</source>
        <translation>Un fotograma adelante (punto)</translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation>Posición en el clip</translation>
    </message>
    <message>
        <source>Position and length</source>
        <translation>Posición y duración</translation>
    </message>
    <message>
        <source>Show the &amp;original (not redacted)</source>
        <translation>Mostrar el &amp;original (sin ocultación)</translation>
    </message>
    <message>
        <source>Show the original, not redacted</source>
        <translation>Mostrar el original, sin ocultación</translation>
    </message>
    <message>
        <source>The redacted preview shows the clip as it would be shared</source>
        <translation>La vista previa con ocultación muestra el clip tal como se compartiría</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>The clip as your camera recorded it</source>
        <translation>El clip tal como lo grabó su cámara</translation>
    </message>
    <message>
        <source>Making the redacted preview was stopped.</source>
        <translation>Se detuvo la creación de la vista previa con ocultación.</translation>
    </message>
    <message>
        <source>making the redacted preview</source>
        <translation>creando la vista previa con ocultación</translation>
    </message>
    <message>
        <source>The clip as your camera recorded it: what is hidden before it is shared is reviewed with Review redaction… in the request&apos;s panel</source>
        <translation>El clip tal como lo grabó su cámara: lo que se oculta antes de compartirlo se revisa con Revisar ocultación… en el panel de la solicitud</translation>
    </message>
    <message>
        <source>Redacted, as it would be shared</source>
        <translation>Con ocultación, tal como se compartiría</translation>
    </message>
    <message>
        <source>Outside the request&apos;s window: this part is not shared</source>
        <translation>Fuera del periodo de la solicitud: esta parte no se comparte</translation>
    </message>
    <message>
        <source>This clip cannot be shown: {why}</source>
        <translation>No se puede mostrar este clip: {why}</translation>
    </message>
</context>
<context>
    <name>ReviewDeciding</name>
    <message>
        <source>The clip is approved.</source>
        <translation>El clip está aprobado.</translation>
    </message>
    <message>
        <source>The clip is declined: nothing of it is sent.</source>
        <translation>El clip está rechazado: no se envía nada de él.</translation>
    </message>
    <message>
        <source>The clip is back to pending.</source>
        <translation>El clip vuelve a estar pendiente.</translation>
    </message>
    <message>
        <source>%n clips approved.</source>
        <translation>%n clips aprobados.</translation>
    </message>
    <message>
        <source>%n clips declined: nothing of them is sent.</source>
        <translation>%n clips rechazados: no se envía nada de ellos.</translation>
    </message>
    <message>
        <source>%n clips back to pending.</source>
        <translation>%n clips vuelven a estar pendientes.</translation>
    </message>
</context>
<context>
    <name>ReviewHook</name>
    <message>
        <source>Select a request to review first.</source>
        <translation>Primero seleccione una solicitud para revisar.</translation>
    </message>
    <message>
        <source>Re&amp;view request…</source>
        <translation>Re&amp;visar la solicitud…</translation>
    </message>
    <message>
        <source>Open the selected request in the review workspace: its clips on a timeline, a large preview, and the decision keys A, D and P</source>
        <translation>Abrir la solicitud seleccionada en el espacio de revisión: sus clips en una línea de tiempo, una vista previa grande y las teclas de decisión A, D y P</translation>
    </message>
    <message>
        <source>Review in the &amp;workspace…</source>
        <translation>Revisar en el &amp;espacio de revisión…</translation>
    </message>
    <message>
        <source>Review in the workspace</source>
        <translation>Revisar en el espacio de revisión</translation>
    </message>
    <message>
        <source>The clips on a timeline, a large preview, the decision keys</source>
        <translation>Los clips en una línea de tiempo, una vista previa grande, las teclas de decisión</translation>
    </message>
</context>
<context>
    <name>ReviewWorkspace</name>
    <message>
        <source>Review request</source>
        <translation>Revisar la solicitud</translation>
    </message>
    <message>
        <source>Review workspace</source>
        <translation>Espacio de revisión</translation>
    </message>
    <message>
        <source>The selected clip</source>
        <translation>El clip seleccionado</translation>
    </message>
    <message>
        <source>Approve the selected clip</source>
        <translation>Aprobar el clip seleccionado</translation>
    </message>
    <message>
        <source>Decline the selected clip</source>
        <translation>Rechazar el clip seleccionado</translation>
    </message>
    <message>
        <source>Set the selected clip to pending</source>
        <translation>Dejar pendiente el clip seleccionado</translation>
    </message>
    <message>
        <source>Approve every clip</source>
        <translation>Aprobar todos los clips</translation>
    </message>
    <message>
        <source>Decline every clip</source>
        <translation>Rechazar todos los clips</translation>
    </message>
    <message>
        <source>Candidate clips</source>
        <translation>Clips candidatos</translation>
    </message>
    <message>
        <source>Reading the request…</source>
        <translation>Leyendo la solicitud…</translation>
    </message>
    <message>
        <source>Keys: A approve · D decline · P pending · ← → the clip before or after · ↑ ↓ the camera above or below · Space play or pause</source>
        <translation>Teclas: A aprobar · D rechazar · P pendiente · ← → el clip anterior o siguiente · ↑ ↓ la cámara de arriba o de abajo · Espacio reproducir o pausar</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>&lt;b&gt;&amp;Clips of this request&lt;/b&gt;</source>
        <translation>&lt;b&gt;&amp;Clips de esta solicitud&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The selected clip and its decision</source>
        <translation>El clip seleccionado y su decisión</translation>
    </message>
    <message>
        <source>The request&apos;s terms</source>
        <translation>Las condiciones de la solicitud</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>This request cannot be read: {why}</source>
        <translation>No se puede leer esta solicitud: {why}</translation>
    </message>
    <message>
        <source>Request for footage</source>
        <translation>Solicitud de grabaciones</translation>
    </message>
    <message>
        <source>Review: {title} ({agency})</source>
        <translation>Revisión: {title} ({agency})</translation>
    </message>
    <message>
        <source>No clip of yours overlaps the request&apos;s window: nothing to decide.</source>
        <translation>Ninguno de sus clips coincide con el periodo de la solicitud: no hay nada que decidir.</translation>
    </message>
    <message>
        <source>{inside} of {length} inside the window</source>
        <translation>{inside} de {length} dentro del periodo</translation>
    </message>
    <message>
        <source>⚑ You flagged it: {flags}</source>
        <translation>⚑ Usted lo marcó: {flags}</translation>
    </message>
    <message>
        <source>Select a clip first.</source>
        <translation>Primero seleccione un clip.</translation>
    </message>
    <message>
        <source>Not recorded: {why}</source>
        <translation>No se registró: {why}</translation>
    </message>
</context>
<context>
    <name>TermsPanel</name>
    <message>
        <source>The request</source>
        <translation>La solicitud</translation>
    </message>
    <message>
        <source>What the request asks for</source>
        <translation>Lo que pide la solicitud</translation>
    </message>
    <message>
        <source>Your rules and their results</source>
        <translation>Sus reglas y sus resultados</translation>
    </message>
    <message>
        <source>Request for footage</source>
        <translation>Solicitud de grabaciones</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>no case number</source>
        <translation>sin número de caso</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Área</translation>
    </message>
    <message>
        <source>Keeps footage</source>
        <translation>Conserva las grabaciones</translation>
    </message>
    <message>
        <source>Passes it on</source>
        <translation>Las comparte</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>Bloquea</translation>
    </message>
    <message>
        <source>Your rules</source>
        <translation>Sus reglas</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>no lo indica</translation>
    </message>
    <message>
        <source>one day</source>
        <translation>un día</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>to no one</source>
        <translation>con nadie</translation>
    </message>
    <message>
        <source>to prosecutors only</source>
        <translation>solo con la fiscalía</translation>
    </message>
    <message>
        <source>to other agencies</source>
        <translation>con otras agencias</translation>
    </message>
    <message>
        <source>to anyone (unrestricted)</source>
        <translation>con cualquiera (sin restricción)</translation>
    </message>
    <message>
        <source>from the agency&apos;s feed</source>
        <translation>por el canal de la agencia</translation>
    </message>
    <message>
        <source>as a file you imported</source>
        <translation>como un archivo que usted importó</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>shows children</source>
        <translation>muestra a niños</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privado</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Timeline of the request&apos;s window</source>
        <translation>Línea de tiempo del periodo de la solicitud</translation>
    </message>
    <message>
        <source>{camera}, {start} to {end}, {decision}</source>
        <translation>{camera}, de {start} a {end}, {decision}</translation>
    </message>
    <message>
        <source>, partly outside the window</source>
        <translation>, en parte fuera del periodo</translation>
    </message>
    <message>
        <source>, flagged: {flags}</source>
        <translation>, marcado: {flags}</translation>
    </message>
    <message>
        <source>Window from {time}</source>
        <translation>Periodo desde {time}</translation>
    </message>
    <message>
        <source>to {time}</source>
        <translation>hasta {time}</translation>
    </message>
    <message>
        <source>No clip of yours overlaps the window.</source>
        <translation>Ninguno de sus clips coincide con el periodo.</translation>
    </message>
</context>
</TS>
