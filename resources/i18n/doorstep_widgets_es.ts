<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AgencyHistoryDialog</name>
    <message>
        <source> since {day}</source>
        <translation> desde el {day}</translation>
    </message>
    <message>
        <source>{requests} ({edited} edited, {withdrawn} withdrawn){since}; {broke} broke your rules; you answered {answered} and declined {declined}.</source>
        <translation>{requests} ({edited} editadas, {withdrawn} retiradas){since}; {broke} incumplieron sus reglas; usted respondió {answered} y rechazó {declined}.</translation>
    </message>
    <message>
        <source>These figures are worked out on this computer and never leave it.</source>
        <translation>Estas cifras se calculan en esta computadora y nunca salen de ella.</translation>
    </message>
    <message>
        <source>Agencies and their requests</source>
        <translation>Agencias y sus solicitudes</translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation>Agencias</translation>
    </message>
    <message>
        <source>Select an agency.</source>
        <translation>Seleccione una agencia.</translation>
    </message>
    <message>
        <source>Requests of the agency</source>
        <translation>Solicitudes de la agencia</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>Show these areas on the map</source>
        <translation>Mostrar estas zonas en el mapa</translation>
    </message>
    <message>
        <source>Every area this agency asked about, older ones fainter</source>
        <translation>Cada zona por la que preguntó esta agencia; las más antiguas, más tenues</translation>
    </message>
    <message>
        <source>current</source>
        <translation>vigente</translation>
    </message>
    <message>
        <source>replaced (edited)</source>
        <translation>reemplazada (editada)</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirada</translation>
    </message>
    <message>
        <source>{state} · entered by you</source>
        <translation>{state} · ingresada por usted</translation>
    </message>
</context>
<context>
    <name>AreaEditor</name>
    <message>
        <source>Click the map where the area is (or press Enter for the map&apos;s centre)</source>
        <translation>Haga clic en el mapa donde está la zona (o presione Intro para el centro del mapa)</translation>
    </message>
    <message>
        <source>Map for drawing the request&apos;s area</source>
        <translation>Mapa para dibujar la zona de la solicitud</translation>
    </message>
    <message>
        <source>Keyboard, on the map: Enter places the area at the map&apos;s centre; N and P pick the next or previous handle; the arrow keys move the picked handle (Shift: finer), or pan the map when none is picked; Insert adds a corner after the picked one, Delete removes it; Esc lets go of the handle.</source>
        <translation>Teclado, en el mapa: Intro coloca la zona en el centro del mapa; N y P eligen el control siguiente o el anterior; las flechas mueven el control elegido (Mayús: con más precisión) o desplazan el mapa si no hay ninguno elegido; Insert agrega una esquina después de la elegida, Supr la quita; Esc suelta el control.</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Círculo</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Polígono</translation>
    </message>
    <message>
        <source>Area shape: circle</source>
        <translation>Forma de la zona: círculo</translation>
    </message>
    <message>
        <source>Area shape: polygon</source>
        <translation>Forma de la zona: polígono</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>Circle radius in metres</source>
        <translation>Radio del círculo en metros</translation>
    </message>
    <message>
        <source>Place at map centre</source>
        <translation>Al centro del mapa</translation>
    </message>
    <message>
        <source>Place the area at the map&apos;s centre</source>
        <translation>Colocar la zona en el centro del mapa</translation>
    </message>
    <message>
        <source>My cameras</source>
        <translation>Mis cámaras</translation>
    </message>
    <message>
        <source>Show my cameras on the map</source>
        <translation>Mostrar mis cámaras en el mapa</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear the area</source>
        <translation>Borrar la zona</translation>
    </message>
    <message>
        <source>Size of the area</source>
        <translation>Tamaño de la zona</translation>
    </message>
    <message>
        <source>Radius</source>
        <translation>Radio</translation>
    </message>
    <message>
        <source>Size: no area drawn yet</source>
        <translation>Tamaño: aún no hay una zona dibujada</translation>
    </message>
    <message>
        <source>Size: {size}, as your rules measure it</source>
        <translation>Tamaño: {size}, medido como lo miden sus reglas</translation>
    </message>
    <message>
        <source>Press Place at map centre (or Enter on the map) to put the area there.</source>
        <translation>Presione “Al centro del mapa” (o Intro en el mapa) para poner allí la zona.</translation>
    </message>
    <message>
        <source>Drag the centre to move the circle and the edge handle to resize it (or type the radius). Keyboard on the map: N picks a handle, arrows move it.</source>
        <translation>Arrastre el centro para mover el círculo y el control del borde para cambiar su tamaño (o escriba el radio). Teclado en el mapa: N elige un control, las flechas lo mueven.</translation>
    </message>
    <message>
        <source>Drag a corner to move it, drag a side&apos;s middle dot to add a corner, double-click a corner to remove it. Keyboard on the map: N picks a corner, arrows move it, Insert adds one after it, Delete removes it.</source>
        <translation>Arrastre una esquina para moverla, arrastre el punto central de un lado para agregar una esquina, haga doble clic en una esquina para quitarla. Teclado en el mapa: N elige una esquina, las flechas la mueven, Insert agrega otra después de ella, Supr la quita.</translation>
    </message>
    <message>
        <source>cannot be measured (does the outline cross itself?)</source>
        <translation>no se puede medir (¿el contorno se cruza consigo mismo?)</translation>
    </message>
</context>
<context>
    <name>AreaHandle</name>
    <message>
        <source>The area&apos;s centre: drag to move the circle</source>
        <translation>El centro de la zona: arrástrelo para mover el círculo</translation>
    </message>
    <message>
        <source>Drag to make the circle larger or smaller</source>
        <translation>Arrastre para agrandar o achicar el círculo</translation>
    </message>
    <message>
        <source>A corner: drag to move it; double-click to remove it</source>
        <translation>Una esquina: arrástrela para moverla; haga doble clic para quitarla</translation>
    </message>
    <message>
        <source>Drag to add a corner here</source>
        <translation>Arrastre para agregar una esquina aquí</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Request id</source>
        <translation>Id. de la solicitud</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation>Todas las agencias</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Only entries from a time on</source>
        <translation>Solo las entradas a partir de un momento</translation>
    </message>
    <message>
        <source>Entries from</source>
        <translation>Entradas desde</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exportar el registro de auditoría</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entrada</numerusform>
            <numerusform>%Ln entradas</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Audit trail written to {path}.</source>
        <translation>Registro de auditoría guardado en {path}.</translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
</context>
<context>
    <name>BaseMapDialog</name>
    <message>
        <source>Base map</source>
        <translation>Mapa base</translation>
    </message>
    <message>
        <source>OpenStreetMap (standard tiles)</source>
        <translation>OpenStreetMap (mosaicos estándar)</translation>
    </message>
    <message>
        <source>Another tile server</source>
        <translation>Otro servidor de mosaicos</translation>
    </message>
    <message>
        <source>An offline map file (MBTiles)</source>
        <translation>Un archivo de mapa sin conexión (MBTiles)</translation>
    </message>
    <message>
        <source>No base map</source>
        <translation>Sin mapa base</translation>
    </message>
    <message>
        <source>Tile server address</source>
        <translation>Dirección del servidor de mosaicos</translation>
    </message>
    <message>
        <source>/path/to/map.mbtiles</source>
        <translation>/ruta/al/mapa.mbtiles</translation>
    </message>
    <message>
        <source>Offline map file</source>
        <translation>Archivo de mapa sin conexión</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose an offline map file</source>
        <translation>Elegir un archivo de mapa sin conexión</translation>
    </message>
    <message>
        <source>Map images from a tile server are fetched over the internet: the server sees which area you look at (nothing else: no requests, no clips, no decisions). An offline MBTiles file or no base map sends nothing.</source>
        <translation>Las imágenes de mapa de un servidor de mosaicos se descargan por internet: el servidor ve qué zona mira usted (nada más: ni solicitudes, ni clips, ni decisiones). Un archivo MBTiles sin conexión, o ningún mapa base, no envía nada.</translation>
    </message>
    <message>
        <source>Offline map</source>
        <translation>Mapa sin conexión</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles)</source>
        <translation>MBTiles (*.mbtiles)</translation>
    </message>
    <message>
        <source>This base map cannot be used: {reason}</source>
        <translation>Este mapa base no se puede usar: {reason}</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Evidence store limit</source>
        <translation>Límite del almacén de pruebas</translation>
    </message>
    <message>
        <source>Doorstep keeps a copy of the clips requests ask for until each request is settled. Up to this limit it holds them without asking; beyond it, it asks you first.</source>
        <translation>Doorstep guarda una copia de los clips que piden las solicitudes hasta que cada solicitud se resuelve. Hasta este límite los conserva sin preguntar; por encima de él, le pregunta antes.</translation>
    </message>
    <message>
        <source>Limit the store to</source>
        <translation>Limitar el almacén a</translation>
    </message>
    <message>
        <source>Limit the evidence store&apos;s size</source>
        <translation>Limitar el tamaño del almacén de pruebas</translation>
    </message>
    <message>
        <source>Unit of the evidence store limit</source>
        <translation>Unidad del límite del almacén de pruebas</translation>
    </message>
    <message>
        <source>In use now</source>
        <translation>En uso ahora</translation>
    </message>
</context>
<context>
    <name>CameraEditDialog</name>
    <message>
        <source>Edit camera</source>
        <translation>Editar cámara</translation>
    </message>
    <message>
        <source>Add a camera</source>
        <translation>Agregar una cámara</translation>
    </message>
    <message>
        <source>e.g. Front porch</source>
        <translation>p. ej., Porche delantero</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Pick on map…</source>
        <translation>Elegir en el mapa…</translation>
    </message>
    <message>
        <source>Hide this dialog, click the camera&apos;s place on the map, come back</source>
        <translation>Ocultar este cuadro de diálogo, hacer clic en el lugar de la cámara en el mapa y volver</translation>
    </message>
    <message>
        <source>Points to</source>
        <translation>Apunta a</translation>
    </message>
    <message>
        <source>° from north</source>
        <translation>° desde el norte</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Orientación</translation>
    </message>
    <message>
        <source>Sees</source>
        <translation>Ve</translation>
    </message>
    <message>
        <source>° wide</source>
        <translation>° de ancho</translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation>Campo de visión</translation>
    </message>
    <message>
        <source>Up to</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source> m away</source>
        <translation> m de distancia</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How far the camera&apos;s clock is ahead of true time (negative when it is behind).</source>
        <translation>Cuánto se adelanta el reloj de la cámara a la hora real (negativo si se atrasa).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Clock is ahead by</source>
        <translation>El reloj se adelanta</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone; change it if the camera keeps another.</source>
        <translation>La zona horaria de esta computadora; cámbiela si la cámara usa otra.</translation>
    </message>
    <message>
        <source>Saving a new time zone or clock offset recalculates the start times of this camera&apos;s clips already in the library.</source>
        <translation>Al guardar una nueva zona horaria o un nuevo desfase del reloj se recalculan las horas de inicio de los clips de esta cámara que ya están en la biblioteca.</translation>
    </message>
    <message>
        <source>a name</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>a latitude that is a number</source>
        <translation>una latitud que sea un número</translation>
    </message>
    <message>
        <source>a longitude that is a number</source>
        <translation>una longitud que sea un número</translation>
    </message>
    <message>
        <source>its place (type its latitude and longitude, or Pick on map)</source>
        <translation>su lugar (escriba su latitud y longitud, o use Elegir en el mapa)</translation>
    </message>
    <message>
        <source>the time zone its clock keeps</source>
        <translation>la zona horaria de su reloj</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
    <message>
        <source>Still needed: {what}.</source>
        <translation>Todavía falta: {what}.</translation>
    </message>
    <message>
        <source>Click the camera&apos;s place on the map (Esc: back to the dialog)</source>
        <translation>Haga clic en el lugar de la cámara en el mapa (Esc: volver al cuadro de diálogo)</translation>
    </message>
    <message>
        <source>place: type the latitude and longitude, or pick on the map</source>
        <translation>lugar: escriba la latitud y la longitud, o elíjalo en el mapa</translation>
    </message>
</context>
<context>
    <name>CamerasDialog</name>
    <message>
        <source>Cameras</source>
        <translation>Cámaras</translation>
    </message>
    <message>
        <source>Your cameras</source>
        <translation>Sus cámaras</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Agregar…</translation>
    </message>
    <message>
        <source>Add a camera</source>
        <translation>Agregar una cámara</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Edit the selected camera</source>
        <translation>Editar la cámara seleccionada</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Remove the selected camera</source>
        <translation>Eliminar la cámara seleccionada</translation>
    </message>
    <message>
        <source>Privacy &amp;masks…</source>
        <translation>&amp;Máscaras de privacidad…</translation>
    </message>
    <message numerus="yes">
        <source>%n clip records</source>
        <translation>
            <numerusform>%n registro de clip</numerusform>
            <numerusform>%n registros de clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Retire camera</source>
        <translation>Retirar cámara</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>one of its clips was decided on for a request and shared</source>
        <translation>se decidió sobre uno de sus clips para una solicitud y se compartió</translation>
    </message>
    <message>
        <source>one of its clips was decided on for a request</source>
        <translation>se decidió sobre uno de sus clips para una solicitud</translation>
    </message>
    <message numerus="yes">
        <source>%n of its clips were decided on for requests, {shared} of them shared</source>
        <translation>
            <numerusform>se decidió sobre %n de sus clips para solicitudes, {shared} de ellos compartidos</numerusform>
            <numerusform>se decidió sobre %n de sus clips para solicitudes, {shared} de ellos compartidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of its clips were decided on for requests</source>
        <translation>
            <numerusform>se decidió sobre %n de sus clips para solicitudes</numerusform>
            <numerusform>se decidió sobre %n de sus clips para solicitudes</numerusform>
        </translation>
    </message>
    <message>
        <source>“{camera}” will be retired, not deleted: {why}, and Doorstep never deletes the record of what was shared.

A retired camera is hidden from your cameras, the map and imports, and matches no new request. Its {records} and your decisions stay, and the requests that refer to them still show them. The video files on disk are not touched.</source>
        <translation>“{camera}” se retirará, no se eliminará: {why}, y Doorstep nunca elimina el registro de lo que se compartió.

Una cámara retirada se oculta de sus cámaras, del mapa y de las importaciones, y no coincide con ninguna solicitud nueva. Sus {records} y sus decisiones se conservan, y las solicitudes que se refieren a ellos los siguen mostrando. Los archivos de video del disco no se tocan.</translation>
    </message>
    <message>
        <source>Remove camera</source>
        <translation>Eliminar cámara</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Remove the camera “{camera}” and its {records} from Doorstep? None of its clips was decided on for a request, so no record of sharing is lost.

The video files on disk are not touched.</source>
        <translation>¿Eliminar de Doorstep la cámara “{camera}” y sus {records}? No se decidió sobre ninguno de sus clips para una solicitud, así que no se pierde ningún registro de lo compartido.

Los archivos de video del disco no se tocan.</translation>
    </message>
</context>
<context>
    <name>ClipDetail</name>
    <message>
        <source>No clip selected.</source>
        <translation>Ningún clip seleccionado.</translation>
    </message>
    <message>
        <source>Why the start time is uncertain</source>
        <translation>Por qué la hora de inicio es incierta</translation>
    </message>
    <message>
        <source>File of the clip</source>
        <translation>Archivo del clip</translation>
    </message>
    <message>
        <source>SHA-256 of the clip</source>
        <translation>SHA-256 del clip</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Time note</source>
        <translation>Nota sobre la hora</translation>
    </message>
    <message>
        <source>Shows children</source>
        <translation>Muestra niños</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privado</translation>
    </message>
    <message>
        <source>Sharing this clip will need an extra confirmation.</source>
        <translation>Para compartir este clip se necesitará una confirmación adicional.</translation>
    </message>
    <message>
        <source>Hold state of the clip</source>
        <translation>Estado de conservación del clip</translation>
    </message>
    <message>
        <source>Hold this clip</source>
        <translation>Conservar este clip</translation>
    </message>
    <message>
        <source>Keep a verified copy in Doorstep&apos;s evidence store</source>
        <translation>Guardar una copia verificada en el almacén de pruebas de Doorstep</translation>
    </message>
    <message>
        <source>Release hold</source>
        <translation>Dejar de conservar</translation>
    </message>
    <message>
        <source>Release the clip&apos;s hold</source>
        <translation>Dejar de conservar el clip</translation>
    </message>
    <message>
        <source>Let the held copy go (kept while a request holds it)</source>
        <translation>Liberar la copia conservada (se guarda mientras una solicitud la retenga)</translation>
    </message>
    <message>
        <source>with audio</source>
        <translation>con audio</translation>
    </message>
    <message>
        <source>no audio</source>
        <translation>sin audio</translation>
    </message>
    <message>
        <source>Start time from {source}</source>
        <translation>Hora de inicio según {source}</translation>
    </message>
    <message>
        <source>⚠ Time uncertain (see Time note)</source>
        <translation>⚠ Hora incierta (vea la nota sobre la hora)</translation>
    </message>
    <message>
        <source>⚠ The picture cannot be decoded: {reason}</source>
        <translation>⚠ La imagen no se puede decodificar: {reason}</translation>
    </message>
    <message>
        <source>Camera&apos;s local time: {time}</source>
        <translation>Hora local de la cámara: {time}</translation>
    </message>
    <message>
        <source>Source last seen {when}</source>
        <translation>Original visto por última vez el {when}</translation>
    </message>
</context>
<context>
    <name>ClipsView</name>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>The selected clip</source>
        <translation>El clip seleccionado</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Clips from</source>
        <translation>Clips desde</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>Clips up to</source>
        <translation>Clips hasta</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation>Todas las cámaras</translation>
    </message>
    <message numerus="yes">
        <source>%Ln clips</source>
        <translation>
            <numerusform>%Ln clip</numerusform>
            <numerusform>%Ln clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>A clock in the frame (a phone showing network time)</source>
        <translation>Un reloj en el fotograma (un teléfono con la hora de la red)</translation>
    </message>
    <message>
        <source>The known time of an event in the frame</source>
        <translation>La hora conocida de un suceso en el fotograma</translation>
    </message>
    <message>
        <source>The file&apos;s time</source>
        <translation>La hora del archivo</translation>
    </message>
    <message>
        <source>Measure clock offset</source>
        <translation>Medir el desfase del reloj</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation>Posición en el clip</translation>
    </message>
    <message>
        <source>− 1 s</source>
        <translation>− 1 s</translation>
    </message>
    <message>
        <source>One second back</source>
        <translation>Un segundo atrás</translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation>◀ Fotograma</translation>
    </message>
    <message>
        <source>The frame before</source>
        <translation>El fotograma anterior</translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation>Fotograma ▶</translation>
    </message>
    <message>
        <source>The next frame</source>
        <translation>El fotograma siguiente</translation>
    </message>
    <message>
        <source>+ 1 s</source>
        <translation>+ 1 s</translation>
    </message>
    <message>
        <source>One second on</source>
        <translation>Un segundo adelante</translation>
    </message>
    <message>
        <source>Position of the frame</source>
        <translation>Posición del fotograma</translation>
    </message>
    <message>
        <source>as the overlay shows it, e.g. 2026-11-20 14:15:07</source>
        <translation>como la muestra la sobreimpresión, p. ej., 2026-11-20 14:15:07</translation>
    </message>
    <message>
        <source>e.g. 14:12:54 (the day is the overlay&apos;s), or 2026-11-20 14:12:54</source>
        <translation>p. ej., 14:12:54 (el día es el de la sobreimpresión), o 2026-11-20 14:12:54</translation>
    </message>
    <message>
        <source>optional, e.g. phone showing time.is held to the camera</source>
        <translation>opcional, p. ej., teléfono con time.is frente a la cámara</translation>
    </message>
    <message>
        <source>The camera&apos;s clock shows</source>
        <translation>El reloj de la cámara muestra</translation>
    </message>
    <message>
        <source>True time of this frame</source>
        <translation>Hora real de este fotograma</translation>
    </message>
    <message>
        <source>The true time is known from</source>
        <translation>La hora real se sabe por</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation>Leyendo los clips de la cámara…</translation>
    </message>
    <message>
        <source>{start} · {seconds} s · {name}</source>
        <translation>{start} · {seconds} s · {name}</translation>
    </message>
    <message>
        <source>{camera} has no clips yet: import some first</source>
        <translation>{camera} aún no tiene clips: importe algunos primero</translation>
    </message>
    <message>
        <source>Decoding the frame…</source>
        <translation>Decodificando el fotograma…</translation>
    </message>
    <message>
        <source>{at} s of {length} s · by the file, the camera&apos;s clock showed about {time}</source>
        <translation>{at} s de {length} s · según el archivo, el reloj de la cámara mostraba alrededor de las {time}</translation>
    </message>
    <message>
        <source>no frame on show yet</source>
        <translation>todavía no se muestra ningún fotograma</translation>
    </message>
    <message>
        <source>type what the camera&apos;s clock shows in this frame</source>
        <translation>escriba lo que muestra el reloj de la cámara en este fotograma</translation>
    </message>
    <message>
        <source>type the true time of this frame</source>
        <translation>escriba la hora real de este fotograma</translation>
    </message>
    <message>
        <source>Saving sets its clock offset to {offset} s (it is {now} s now) and moves the times of its clips {shift}; the measurement goes into the audit trail and into every package.</source>
        <translation>Al guardar, su desfase del reloj pasa a {offset} s (ahora es {now} s) y las horas de sus clips se mueven {shift}; la medición queda en el registro de auditoría y en cada paquete.</translation>
    </message>
    <message>
        <source>Its clock offset now: {offset} s ({words})</source>
        <translation>Su desfase del reloj ahora: {offset} s ({words})</translation>
    </message>
    <message>
        <source>{now}, measured {when} UTC by: {how}.</source>
        <translation>{now}, medido el {when} UTC por: {how}.</translation>
    </message>
    <message>
        <source>{now}, entered by hand, never measured.</source>
        <translation>{now}, ingresado a mano, nunca medido.</translation>
    </message>
    <message>
        <source>Its clock is taken to be right (offset 0 s); it was never measured.</source>
        <translation>Se considera que su reloj está en hora (desfase 0 s); nunca se midió.</translation>
    </message>
    <message>
        <source>not at all</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>{span} later</source>
        <translation>{span} más tarde</translation>
    </message>
    <message>
        <source>{span} earlier</source>
        <translation>{span} más temprano</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <source>Feed tokens</source>
        <translation>Tokens de fuentes</translation>
    </message>
    <message>
        <source>Upload tokens</source>
        <translation>Tokens de carga</translation>
    </message>
    <message>
        <source>Set or replace…</source>
        <translation>Establecer o reemplazar…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Set or replace the feed token</source>
        <translation>Establecer o reemplazar el token de la fuente</translation>
    </message>
    <message>
        <source>Remove the feed token</source>
        <translation>Quitar el token de la fuente</translation>
    </message>
    <message>
        <source>Upload tokens (one per agency upload service)</source>
        <translation>Tokens de carga (uno por cada servicio de carga de una agencia)</translation>
    </message>
    <message>
        <source>Set or replace the upload token</source>
        <translation>Establecer o reemplazar el token de carga</translation>
    </message>
    <message>
        <source>Add another service…</source>
        <translation>Agregar otro servicio…</translation>
    </message>
    <message>
        <source>Add another upload service</source>
        <translation>Agregar otro servicio de carga</translation>
    </message>
    <message>
        <source>Remove the upload token</source>
        <translation>Quitar el token de carga</translation>
    </message>
    <message>
        <source>Your signing key (signs every package you share)</source>
        <translation>Su clave de firma (firma cada paquete que usted comparte)</translation>
    </message>
    <message>
        <source>Create or rotate…</source>
        <translation>Crear o renovar…</translation>
    </message>
    <message>
        <source>Create or rotate your signing key</source>
        <translation>Crear o renovar su clave de firma</translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation>Exportar clave pública…</translation>
    </message>
    <message>
        <source>Export your public key</source>
        <translation>Exportar su clave pública</translation>
    </message>
    <message>
        <source>Secrets are kept in your system&apos;s keyring (a Secret Service such as gnome-keyring or KWallet on Linux, the Keychain on macOS, Credential Manager on Windows), never on disk by Doorstep. Only whether one is set is shown here.</source>
        <translation>Los secretos se guardan en el llavero del sistema (un Secret Service como gnome-keyring o KWallet en Linux, el Llavero en macOS, el Administrador de credenciales en Windows); Doorstep nunca los guarda en el disco. Aquí solo se muestra si hay uno establecido.</translation>
    </message>
    <message>
        <source>token unknown (no keyring)</source>
        <translation>token desconocido (no hay llavero)</translation>
    </message>
    <message>
        <source>reading the keyring</source>
        <translation>leyendo el llavero</translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation>No se hizo: {reason}</translation>
    </message>
    <message>
        <source>token set</source>
        <translation>token establecido</translation>
    </message>
    <message>
        <source>no token</source>
        <translation>sin token</translation>
    </message>
    <message>
        <source>No feeds yet (Requests ▸ Feeds…).</source>
        <translation>Todavía no hay fuentes (Solicitudes ▸ Fuentes…).</translation>
    </message>
    <message>
        <source>Your signing key cannot be read or made without a keyring, so packages cannot be exported or delivered.</source>
        <translation>Sin un llavero no se puede leer ni crear su clave de firma, así que no se pueden exportar ni entregar paquetes.</translation>
    </message>
    <message>
        <source>Key &lt;b&gt;{key}&lt;/b&gt; is in your keyring.</source>
        <translation>La clave &lt;b&gt;{key}&lt;/b&gt; está en su llavero.</translation>
    </message>
    <message>
        <source>No signing key yet: one is made when you first share a package, or now.</source>
        <translation>Todavía no hay clave de firma: se crea una la primera vez que comparte un paquete, o ahora.</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Seleccione primero una entrada.</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Token for {what}:</source>
        <translation>Token para {what}:</translation>
    </message>
    <message>
        <source>storing a token</source>
        <translation>guardando un token</translation>
    </message>
    <message>
        <source>Token for {target} stored in the keyring.</source>
        <translation>Token para {target} guardado en el llavero.</translation>
    </message>
    <message>
        <source>removing a token</source>
        <translation>quitando un token</translation>
    </message>
    <message>
        <source>Token for {target} removed.</source>
        <translation>Se quitó el token para {target}.</translation>
    </message>
    <message>
        <source>Upload token for {target} stored in the keyring.</source>
        <translation>Token de carga para {target} guardado en el llavero.</translation>
    </message>
    <message>
        <source>Upload service</source>
        <translation>Servicio de carga</translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation>Dirección (https://…):</translation>
    </message>
    <message>
        <source>Upload token for {target} removed.</source>
        <translation>Se quitó el token de carga para {target}.</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Clave de firma</translation>
    </message>
    <message>
        <source>Make a new signing key? Packages you already shared stay verifiable with the public key they carry.</source>
        <translation>¿Crear una nueva clave de firma? Los paquetes que ya compartió se pueden seguir verificando con la clave pública que llevan.</translation>
    </message>
    <message>
        <source>New signing key stored in the keyring.</source>
        <translation>Nueva clave de firma guardada en el llavero.</translation>
    </message>
    <message>
        <source>making a signing key</source>
        <translation>creando una clave de firma</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>Exportar clave pública</translation>
    </message>
    <message>
        <source>PEM files (*.pem)</source>
        <translation>Archivos PEM (*.pem)</translation>
    </message>
    <message>
        <source>Public key saved to {path}.</source>
        <translation>Clave pública guardada en {path}.</translation>
    </message>
    <message>
        <source>exporting the public key</source>
        <translation>exportando la clave pública</translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <source>Share the selected clips&apos; part in the window (A)</source>
        <translation>Compartir la parte de los clips seleccionados dentro del período (A)</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <source>Do not share the selected clips; nothing is sent (D)</source>
        <translation>No compartir los clips seleccionados; no se envía nada (D)</translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation>&amp;Pendiente</translation>
    </message>
    <message>
        <source>Undecided again (P)</source>
        <translation>Volver a sin decidir (P)</translation>
    </message>
    <message>
        <source>Approve all</source>
        <translation>Aprobar todos</translation>
    </message>
    <message>
        <source>Approve all candidate clips</source>
        <translation>Aprobar todos los clips candidatos</translation>
    </message>
    <message>
        <source>Decline all</source>
        <translation>Rechazar todos</translation>
    </message>
    <message>
        <source>Decline all candidate clips</source>
        <translation>Rechazar todos los clips candidatos</translation>
    </message>
    <message>
        <source>Delivered on {when}: decisions are final.</source>
        <translation>Entregada el {when}: las decisiones son definitivas.</translation>
    </message>
    <message>
        <source>Nothing can be shared for this request. {reasons}</source>
        <translation>No se puede compartir nada para esta solicitud. {reasons}</translation>
    </message>
</context>
<context>
    <name>DetailWords</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your cameras are in the area;</source>
        <translation>
            <numerusform>%n de sus cámaras está en la zona;</numerusform>
            <numerusform>%n de sus cámaras están en la zona;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips overlap the window.</source>
        <translation>
            <numerusform>%n clip coincide con el período.</numerusform>
            <numerusform>%n clips coinciden con el período.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;⚠ %n clips with an uncertain recording time&lt;/b&gt; (approving needs your confirmation):&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ %n clip con una hora de grabación incierta&lt;/b&gt; (aprobarlo requiere su confirmación):&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ %n clips con una hora de grabación incierta&lt;/b&gt; (aprobarlos requiere su confirmación):&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>prosecution</source>
        <translation>la fiscalía</translation>
    </message>
    <message>
        <source>other agencies</source>
        <translation>otras agencias</translation>
    </message>
    <message>
        <source>unrestricted</source>
        <translation>sin restricciones</translation>
    </message>
</context>
<context>
    <name>EditButtons</name>
    <message>
        <source>Add a &amp;box…</source>
        <translation>Agregar un &amp;recuadro…</translation>
    </message>
    <message>
        <source>Draw a rectangle on the current picture (drag, or arrows then Enter); it follows what is inside it through the excerpt</source>
        <translation>Dibuje un rectángulo en la imagen actual (arrastre, o use las flechas y luego Intro); seguirá lo que contiene a lo largo del extracto</translation>
    </message>
    <message>
        <source>&amp;Correct here…</source>
        <translation>&amp;Corregir aquí…</translation>
    </message>
    <message>
        <source>Draw the selected box again where it should be on this picture; it is followed again from there</source>
        <translation>Vuelva a dibujar el recuadro seleccionado donde debe estar en esta imagen; se sigue de nuevo desde ahí</translation>
    </message>
    <message>
        <source>Turn off from, seconds into the excerpt</source>
        <translation>Desactivar desde, segundos dentro del extracto</translation>
    </message>
    <message>
        <source>Turn off until, seconds into the excerpt</source>
        <translation>Desactivar hasta, segundos dentro del extracto</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>From here</source>
        <translation>Desde aquí</translation>
    </message>
    <message>
        <source>Turn off from the current position</source>
        <translation>Desactivar desde la posición actual</translation>
    </message>
    <message>
        <source>To here</source>
        <translation>Hasta aquí</translation>
    </message>
    <message>
        <source>Turn off until the current position</source>
        <translation>Desactivar hasta la posición actual</translation>
    </message>
    <message>
        <source>&amp;Turn off from … to …</source>
        <translation>&amp;Desactivar desde … hasta …</translation>
    </message>
    <message>
        <source>The selected face or box hides nothing between these times</source>
        <translation>La cara o el recuadro seleccionado no oculta nada entre estas horas</translation>
    </message>
    <message>
        <source>Turn on &amp;again</source>
        <translation>&amp;Volver a activar</translation>
    </message>
    <message>
        <source>The selected face or box hides everything it follows again</source>
        <translation>La cara o el recuadro seleccionado vuelve a ocultar todo lo que sigue</translation>
    </message>
    <message>
        <source>Look for &amp;faces</source>
        <translation>&amp;Buscar caras</translation>
    </message>
    <message>
        <source>Run the face detector over the excerpt again</source>
        <translation>Volver a pasar el detector de caras por el extracto</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to Doorstep</source>
        <translation>Bienvenido a Doorstep</translation>
    </message>
    <message>
        <source>1. Add a camera…</source>
        <translation>1. Agregar una cámara…</translation>
    </message>
    <message>
        <source>2. Import a folder of clips…</source>
        <translation>2. Importar una carpeta de clips…</translation>
    </message>
    <message>
        <source>Or try the demo neighbourhood</source>
        <translation>O pruebe el vecindario de demostración</translation>
    </message>
    <message>
        <source>Got a request by email, text or letter? Record it…</source>
        <translation>¿Recibió una solicitud por correo electrónico, mensaje de texto o carta? Regístrela…</translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation>Registrar una solicitud que recibí</translation>
    </message>
    <message>
        <source>Doorstep keeps your security camera clips on this computer and lets you answer agency requests for footage clip by clip, on your terms. Nothing leaves this computer unless you approve it.</source>
        <translation>Doorstep guarda los clips de sus cámaras de seguridad en esta computadora y le permite responder clip por clip, en sus propios términos, a las solicitudes de grabaciones de las agencias. Nada sale de esta computadora a menos que usted lo apruebe.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start by adding a camera&lt;/b&gt;: its name and where it is.</source>
        <translation>&lt;b&gt;Empiece por agregar una cámara&lt;/b&gt;: su nombre y dónde está.</translation>
    </message>
    <message numerus="yes">
        <source>You have %n cameras. &lt;b&gt;Next, import the folder its clips are saved in.&lt;/b&gt;</source>
        <translation>
            <numerusform>Tiene %n cámara. &lt;b&gt;Ahora importe la carpeta donde se guardan sus clips.&lt;/b&gt;</numerusform>
            <numerusform>Tiene %n cámaras. &lt;b&gt;Ahora importe la carpeta donde se guardan sus clips.&lt;/b&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedsDialog</name>
    <message>
        <source>Agency feeds</source>
        <translation>Fuentes de las agencias</translation>
    </message>
    <message>
        <source>optional; kept in your system keyring, never on disk</source>
        <translation>opcional; se guarda en el llavero del sistema, nunca en el disco</translation>
    </message>
    <message>
        <source>Add feed</source>
        <translation>Agregar fuente</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Quitar la seleccionada</translation>
    </message>
    <message>
        <source>Remove the selected feed</source>
        <translation>Quitar la fuente seleccionada</translation>
    </message>
    <message>
        <source>Check all now</source>
        <translation>Consultar todas ahora</translation>
    </message>
    <message>
        <source>Check all feeds now</source>
        <translation>Consultar todas las fuentes ahora</translation>
    </message>
    <message>
        <source>Feed URL</source>
        <translation>URL de la fuente</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>Doorstep reads these feeds in the background. Reading a feed tells the agency nothing about your answers.</source>
        <translation>Doorstep lee estas fuentes en segundo plano. Leer una fuente no le dice nada a la agencia sobre sus respuestas.</translation>
    </message>
    <message>
        <source>needs your system keyring (see below)</source>
        <translation>necesita el llavero del sistema (vea abajo)</translation>
    </message>
    <message>
        <source>Removing a feed needs your system keyring</source>
        <translation>Para quitar una fuente se necesita el llavero del sistema</translation>
    </message>
    <message>
        <source>{problem} A feed that needs no token can still be added; removing a feed needs the keyring too, to remove its token.</source>
        <translation>{problem} Todavía se puede agregar una fuente que no necesite token; para quitar una fuente también se necesita el llavero, para quitar su token.</translation>
    </message>
    <message>
        <source>not read: {reason}</source>
        <translation>no leída: {reason}</translation>
    </message>
    <message>
        <source>read {when}</source>
        <translation>leída el {when}</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>todavía no leída</translation>
    </message>
    <message>
        <source>No feeds yet: add the URL your agency gave you.</source>
        <translation>Todavía no hay fuentes: agregue la URL que le dio su agencia.</translation>
    </message>
    <message>
        <source>Added {url}.</source>
        <translation>Se agregó {url}.</translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>No se agregó: {reason}</translation>
    </message>
    <message>
        <source>storing the feed&apos;s token</source>
        <translation>guardando el token de la fuente</translation>
    </message>
    <message>
        <source>Select a feed to remove.</source>
        <translation>Seleccione la fuente que quiere quitar.</translation>
    </message>
    <message>
        <source>Feed removed (its token too).</source>
        <translation>Fuente quitada (y también su token).</translation>
    </message>
    <message>
        <source>removing the feed&apos;s token</source>
        <translation>quitando el token de la fuente</translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation>No se quitó: {reason}</translation>
    </message>
</context>
<context>
    <name>FrameView</name>
    <message>
        <source>Choose a clip</source>
        <translation>Elija un clip</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Upload it to the agency&apos;s portal</source>
        <translation>Subirlo al portal de la agencia</translation>
    </message>
    <message>
        <source>Give it on a USB drive</source>
        <translation>Entregarlo en una unidad USB</translation>
    </message>
    <message>
        <source>Hand it over in person</source>
        <translation>Entregarlo en persona</translation>
    </message>
    <message>
        <source>I uploaded it: record the hand-over</source>
        <translation>Lo subí: registrar la entrega</translation>
    </message>
    <message>
        <source>I handed the drive over: record it</source>
        <translation>Entregué la unidad: registrarlo</translation>
    </message>
    <message>
        <source>I handed it over: record it</source>
        <translation>Lo entregué: registrarlo</translation>
    </message>
    <message>
        <source>Hand over the package</source>
        <translation>Entregar el paquete</translation>
    </message>
    <message>
        <source>Reading the request&apos;s package…</source>
        <translation>Leyendo el paquete de la solicitud…</translation>
    </message>
    <message>
        <source>Give the agency the package as exported (a folder or zip on any medium they accept), then record when and to whom below.</source>
        <translation>Entregue a la agencia el paquete tal como se exportó (una carpeta o un zip en cualquier medio que acepte) y luego registre abajo cuándo y a quién.</translation>
    </message>
    <message>
        <source>Progress of the writing</source>
        <translation>Progreso de la escritura</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>optional: a name, a badge number</source>
        <translation>opcional: un nombre, un número de placa</translation>
    </message>
    <message>
        <source>optional: a reference number, where it happened</source>
        <translation>opcional: un número de referencia, dónde ocurrió</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>To whom</source>
        <translation>A quién</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Then record the hand-over&lt;/b&gt;</source>
        <translation>&lt;b&gt;Luego registre la entrega&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The request&apos;s retention period is counted from this date, and your decisions become final.</source>
        <translation>El período de conservación de la solicitud se cuenta desde esta fecha, y sus decisiones pasan a ser definitivas.</translation>
    </message>
    <message numerus="yes">
        <source>{portal} takes at most %n files of {size} each, {total} in all. Doorstep writes the files to upload into a folder you choose: one zip, or parts that the receiver checks together.</source>
        <translation>
            <numerusform>{portal} acepta como máximo %n archivo de {size} cada uno, {total} en total. Doorstep escribe los archivos que hay que subir en una carpeta que usted elija: un zip, o partes que el destinatario verifica en conjunto.</numerusform>
            <numerusform>{portal} acepta como máximo %n archivos de {size} cada uno, {total} en total. Doorstep escribe los archivos que hay que subir en una carpeta que usted elija: un zip, o partes que el destinatario verifica en conjunto.</numerusform>
        </translation>
    </message>
    <message>
        <source>Prepare the upload files…</source>
        <translation>Preparar los archivos para subir…</translation>
    </message>
    <message>
        <source>Open the portal</source>
        <translation>Abrir el portal</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Abrir la carpeta</translation>
    </message>
    <message>
        <source>Open the folder of the upload files</source>
        <translation>Abrir la carpeta de los archivos para subir</translation>
    </message>
    <message>
        <source>The files to upload</source>
        <translation>Los archivos que hay que subir</translation>
    </message>
    <message>
        <source>Encrypt it (an AES-256 zip; the password is shown once)</source>
        <translation>Cifrarlo (un zip AES-256; la contraseña se muestra una sola vez)</translation>
    </message>
    <message>
        <source>Anyone who finds a lost drive cannot open the footage</source>
        <translation>Quien encuentre una unidad perdida no podrá abrir las grabaciones</translation>
    </message>
    <message>
        <source>Write to a folder or drive…</source>
        <translation>Escribir en una carpeta o unidad…</translation>
    </message>
    <message>
        <source>What was written to the drive</source>
        <translation>Lo que se escribió en la unidad</translation>
    </message>
    <message>
        <source>case {number}</source>
        <translation>caso {number}</translation>
    </message>
    <message>
        <source>no case number</source>
        <translation>sin número de caso</translation>
    </message>
    <message>
        <source>this request</source>
        <translation>esta solicitud</translation>
    </message>
    <message>
        <source>No package is built for this request yet: export it first (Export package…).</source>
        <translation>Todavía no se creó ningún paquete para esta solicitud: expórtelo primero (Exportar paquete…).</translation>
    </message>
    <message>
        <source>This package was {how} on {when}.</source>
        <translation>Este paquete fue {how} el {when}.</translation>
    </message>
    <message>
        <source>Package &lt;tt&gt;{name}&lt;/tt&gt;, built {when} UTC.</source>
        <translation>Paquete &lt;tt&gt;{name}&lt;/tt&gt;, creado el {when} UTC.</translation>
    </message>
    <message>
        <source>The request names no portal link: use the link the agency sent</source>
        <translation>La solicitud no indica ningún enlace a un portal: use el enlace que envió la agencia</translation>
    </message>
    <message>
        <source>uploaded through the agency&apos;s portal</source>
        <translation>subido a través del portal de la agencia</translation>
    </message>
    <message>
        <source>handed over on a USB drive</source>
        <translation>entregado en una unidad USB</translation>
    </message>
    <message>
        <source>handed over in person</source>
        <translation>entregado en persona</translation>
    </message>
    <message>
        <source>Folder for the upload files</source>
        <translation>Carpeta para los archivos que se van a subir</translation>
    </message>
    <message>
        <source>preparing the upload files</source>
        <translation>preparando los archivos para subir</translation>
    </message>
    <message numerus="yes">
        <source>Upload these %n files from &lt;tt&gt;{folder}&lt;/tt&gt;:</source>
        <translation>
            <numerusform>Suba %n archivo desde &lt;tt&gt;{folder}&lt;/tt&gt;:</numerusform>
            <numerusform>Suba estos %n archivos desde &lt;tt&gt;{folder}&lt;/tt&gt;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Folder or drive to write the package to</source>
        <translation>Carpeta o unidad donde escribir el paquete</translation>
    </message>
    <message>
        <source>writing the package</source>
        <translation>escribiendo el paquete</translation>
    </message>
    <message>
        <source>Copied to &lt;tt&gt;{path}&lt;/tt&gt; (not encrypted).</source>
        <translation>Copiado en &lt;tt&gt;{path}&lt;/tt&gt; (sin cifrar).</translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation>No se registró: {reason}</translation>
    </message>
    <message>
        <source>Encrypted zip written to &lt;tt&gt;{path}&lt;/tt&gt;.</source>
        <translation>Zip cifrado guardado en &lt;tt&gt;{path}&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <source>Recorded: the package was {how}.</source>
        <translation>Registrado: el paquete fue {how}.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>HiddenList</name>
    <message>
        <source>Face {number}</source>
        <translation>Cara {number}</translation>
    </message>
    <message>
        <source>Drawn box {number}</source>
        <translation>Recuadro dibujado {number}</translation>
    </message>
    <message>
        <source>off everywhere</source>
        <translation>desactivado en todo el extracto</translation>
    </message>
    <message>
        <source>off {spans}</source>
        <translation>desactivado {spans}</translation>
    </message>
    <message>
        <source>What is hidden</source>
        <translation>Lo que se oculta</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Oculto</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Turned off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Mask “{name}”</source>
        <translation>Máscara “{name}”</translation>
    </message>
    <message>
        <source>whole excerpt</source>
        <translation>todo el extracto</translation>
    </message>
    <message>
        <source>A camera&apos;s privacy mask is hidden in every excerpt of the camera; change it with the camera&apos;s masks</source>
        <translation>La máscara de privacidad de una cámara se oculta en todos los extractos de esa cámara; cámbiela con las máscaras de la cámara</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Detect: each file by the layout it follows</source>
        <translation>Detectar: cada archivo según el formato que sigue</translation>
    </message>
    <message>
        <source>Each file is read by the layout it follows.</source>
        <translation>Cada archivo se lee según el formato que sigue.</translation>
    </message>
    <message>
        <source>Every file is read as {profile}.</source>
        <translation>Todos los archivos se leen como {profile}.</translation>
    </message>
    <message>
        <source>Import a folder of clips</source>
        <translation>Importar una carpeta de clips</translation>
    </message>
    <message>
        <source>The folder your camera or recorder saves clips in</source>
        <translation>La carpeta donde su cámara o grabador guarda los clips</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Browse for the folder</source>
        <translation>Buscar la carpeta</translation>
    </message>
    <message>
        <source>How the clips&apos; folders and file names give their recording time. Your choice is kept for this camera.</source>
        <translation>Cómo indican la hora de grabación las carpetas y los nombres de archivo de los clips. Su elección se guarda para esta cámara.</translation>
    </message>
    <message>
        <source>Watch this folder and import new clips as they arrive</source>
        <translation>Vigilar esta carpeta e importar los clips nuevos a medida que lleguen</translation>
    </message>
    <message>
        <source>Choose a folder to see how its clips will be timed.</source>
        <translation>Elija una carpeta para ver qué hora tendrán sus clips.</translation>
    </message>
    <message>
        <source>The first files and their times</source>
        <translation>Los primeros archivos y sus horas</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Starts (camera&apos;s time)</source>
        <translation>Inicio (hora de la cámara)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Naming</source>
        <translation>Nombres</translation>
    </message>
    <message>
        <source>Subfolders are included. Files that are not readable videos are listed and skipped; the originals are never changed.</source>
        <translation>Se incluyen las subcarpetas. Los archivos que no son videos legibles se enumeran y se omiten; los originales nunca se modifican.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Folder of clips</source>
        <translation>Carpeta de clips</translation>
    </message>
    <message>
        <source>Folder not found: {folder}</source>
        <translation>No se encontró la carpeta: {folder}</translation>
    </message>
    <message>
        <source>Looking at the first files…</source>
        <translation>Revisando los primeros archivos…</translation>
    </message>
    <message>
        <source>The folder could not be looked at: {reason}</source>
        <translation>No se pudo revisar la carpeta: {reason}</translation>
    </message>
    <message>
        <source>No video files in this folder.</source>
        <translation>No hay archivos de video en esta carpeta.</translation>
    </message>
    <message>
        <source>{detected} {how}</source>
        <translation>{detected} {how}</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>no se puede leer</translation>
    </message>
    <message>
        <source>time uncertain: {why}</source>
        <translation>hora incierta: {why}</translation>
    </message>
    <message numerus="yes">
        <source>⚠ {n} of these %n would be flagged: their time is uncertain (hover for why). A request&apos;s candidates show them with a warning, and approving one asks you first. Another naming choice may help.</source>
        <translation>
            <numerusform>⚠ {n} de %n archivo se marcaría: su hora es incierta (pase el puntero para ver por qué). Los candidatos de una solicitud los muestran con una advertencia, y aprobar uno le pide confirmación antes. Otra opción de nombres puede ayudar.</numerusform>
            <numerusform>⚠ {n} de estos %n archivos se marcarían: su hora es incierta (pase el puntero para ver por qué). Los candidatos de una solicitud los muestran con una advertencia, y aprobar uno le pide confirmación antes. Otra opción de nombres puede ayudar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the camera these clips come from (add one first).</source>
        <translation>Elija la cámara de la que vienen estos clips (primero agregue una).</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Elija una carpeta.</translation>
    </message>
</context>
<context>
    <name>JobStrip</name>
    <message>
        <source>under a second</source>
        <translation>menos de un segundo</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Qué está pasando</translation>
    </message>
    <message>
        <source>Progress of the work in the background</source>
        <translation>Progreso del trabajo en segundo plano</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>De&amp;tener</translation>
    </message>
    <message>
        <source>Stop the work in the background</source>
        <translation>Detener el trabajo en segundo plano</translation>
    </message>
    <message>
        <source>Stop it: nothing of it is kept</source>
        <translation>Detenerlo: no se conserva nada de él</translation>
    </message>
    <message>
        <source>Could not finish {work}: {reason}</source>
        <translation>No se pudo terminar {work}: {reason}</translation>
    </message>
    <message>
        <source>{work}…</source>
        <translation>{work}…</translation>
    </message>
    <message>
        <source>{work}: {percent} %, about {left} left</source>
        <translation>{work}: {percent} %, faltan unos {left}</translation>
    </message>
    <message>
        <source>{work}: {percent} %</source>
        <translation>{work}: {percent} %</translation>
    </message>
</context>
<context>
    <name>MapItems</name>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
    <message>
        <source>Needs decision</source>
        <translation>Por decidir</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decidida</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>No footage</source>
        <translation>Sin video</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirada</translation>
    </message>
    <message>
        <source>{camera} (drag to move it)</source>
        <translation>{camera} (arrástrela para moverla)</translation>
    </message>
    <message>
        <source>Drag to turn the camera and set its range</source>
        <translation>Arrastre para girar la cámara y fijar su alcance</translation>
    </message>
    <message>
        <source>Drag to widen or narrow the field of view</source>
        <translation>Arrastre para ampliar o reducir el campo de visión</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Map of your cameras and the request areas</source>
        <translation>Mapa de sus cámaras y de las zonas de las solicitudes</translation>
    </message>
    <message>
        <source>Zoom to request</source>
        <translation>Acercar a la solicitud</translation>
    </message>
    <message>
        <source>Show the whole area of the selected request</source>
        <translation>Mostrar toda la zona de la solicitud seleccionada</translation>
    </message>
    <message>
        <source>Zoom to my cameras</source>
        <translation>Acercar a mis cámaras</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
    <message>
        <source>Drag a camera to move it; drag the white handles to turn it or widen its view. Right-click to add a camera.</source>
        <translation>Arrastre una cámara para moverla; arrastre los controles blancos para girarla o ampliar su vista. Haga clic derecho para agregar una cámara.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <source>Drag to give the camera a direction and the distance it sees</source>
        <translation>Arrastre para darle a la cámara una dirección y la distancia que ve</translation>
    </message>
    <message>
        <source>Drag to set how wide the camera sees</source>
        <translation>Arrastre para fijar qué tan ancho ve la cámara</translation>
    </message>
    <message>
        <source>no case number</source>
        <translation>sin número de caso</translation>
    </message>
    <message>
        <source>{agency}: {incident} ({case})</source>
        <translation>{agency}: {incident} ({case})</translation>
    </message>
    <message>
        <source>request</source>
        <translation>solicitud</translation>
    </message>
    <message>
        <source>{when}: {request} version {version} ({state})</source>
        <translation>{when}: {request} versión {version} ({state})</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n areas of one agency over time</source>
        <translation>
            <numerusform>Se muestra %n zona de una agencia a lo largo del tiempo</numerusform>
            <numerusform>Se muestran %n zonas de una agencia a lo largo del tiempo</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} request areas here: zoom in or filter the list to see them</source>
        <translation>{count} zonas de solicitudes aquí: acerque el mapa o filtre la lista para verlas</translation>
    </message>
    <message>
        <source>Add a camera here ({lat}, {lon})…</source>
        <translation>Agregar una cámara aquí ({lat}, {lon})…</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>{n} km</source>
        <translation>{n} km</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} m</translation>
    </message>
    <message>
        <source>No base map: showing cameras and areas only</source>
        <translation>Sin mapa base: solo se muestran cámaras y zonas</translation>
    </message>
    <message>
        <source>Your camera and its view</source>
        <translation>Su cámara y su vista</translation>
    </message>
</context>
<context>
    <name>MaskDialog</name>
    <message>
        <source>Privacy masks</source>
        <translation>Máscaras de privacidad</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>&amp;Camera</source>
        <translation>&amp;Cámara</translation>
    </message>
    <message>
        <source>The clip the frame is from</source>
        <translation>El clip del que es el fotograma</translation>
    </message>
    <message>
        <source>Privacy masks of this camera</source>
        <translation>Máscaras de privacidad de esta cámara</translation>
    </message>
    <message>
        <source>&amp;Masks of this camera</source>
        <translation>&amp;Máscaras de esta cámara</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>Remove the chosen mask: excerpts made from now on show it</source>
        <translation>Quitar la máscara elegida: los extractos que se hagan a partir de ahora mostrarán esa parte</translation>
    </message>
    <message>
        <source>Name of the new mask</source>
        <translation>Nombre de la nueva máscara</translation>
    </message>
    <message>
        <source>what it hides, e.g. Neighbour&apos;s window</source>
        <translation>lo que oculta, p. ej., Ventana del vecino</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Add mask</source>
        <translation>&amp;Agregar máscara</translation>
    </message>
    <message>
        <source>C&amp;lear drawing</source>
        <translation>&amp;Borrar dibujo</translation>
    </message>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation>Leyendo los clips de la cámara…</translation>
    </message>
    <message numerus="yes">
        <source>{name} · %n corners</source>
        <translation>
            <numerusform>{name} · %n esquina</numerusform>
            <numerusform>{name} · %n esquinas</numerusform>
        </translation>
    </message>
    <message>
        <source>{camera} has no clips yet: import some to draw on a frame of it.</source>
        <translation>{camera} aún no tiene clips: importe algunos para dibujar sobre un fotograma.</translation>
    </message>
    <message>
        <source>A frame of its newest clip, {name} ({width}×{height})</source>
        <translation>Un fotograma de su clip más reciente, {name} ({width}×{height})</translation>
    </message>
    <message>
        <source>Decoding the frame…</source>
        <translation>Decodificando el fotograma…</translation>
    </message>
    <message>
        <source>No frame to draw on: {reason}</source>
        <translation>No hay fotograma sobre el cual dibujar: {reason}</translation>
    </message>
    <message>
        <source>No frame on show yet.</source>
        <translation>Todavía no se muestra ningún fotograma.</translation>
    </message>
    <message numerus="yes">
        <source>This polygon of %n corners cannot be a mask (below): Backspace reopens it to take back corners, Esc drops it.</source>
        <translation>
            <numerusform>Este polígono de %n esquina no puede ser una máscara (abajo): Retroceso lo vuelve a abrir para quitar esquinas, Esc lo descarta.</numerusform>
            <numerusform>Este polígono de %n esquinas no puede ser una máscara (abajo): Retroceso lo vuelve a abrir para quitar esquinas, Esc lo descarta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A polygon of %n corners: name it and choose Add mask (Backspace reopens it, Esc drops it).</source>
        <translation>
            <numerusform>Un polígono de %n esquina: póngale nombre y elija Agregar máscara (Retroceso lo vuelve a abrir, Esc lo descarta).</numerusform>
            <numerusform>Un polígono de %n esquinas: póngale nombre y elija Agregar máscara (Retroceso lo vuelve a abrir, Esc lo descarta).</numerusform>
        </translation>
    </message>
    <message>
        <source>Click the corners of an area to hide, one after another; double-click or press Enter to close it. (Keyboard: arrow keys move the cross, Space places a corner.)</source>
        <translation>Haga clic en las esquinas de una zona que quiera ocultar, una tras otra; haga doble clic o presione Intro para cerrarla. (Teclado: las flechas mueven la cruz, Espacio coloca una esquina.)</translation>
    </message>
    <message numerus="yes">
        <source>%n corners placed: a mask needs at least three.</source>
        <translation>
            <numerusform>%n esquina colocada: una máscara necesita al menos tres.</numerusform>
            <numerusform>%n esquinas colocadas: una máscara necesita al menos tres.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corners placed: double-click or press Enter to close the polygon; Backspace takes back the last corner, Esc drops it.</source>
        <translation>
            <numerusform>%n esquina colocada: haga doble clic o presione Intro para cerrar el polígono; Retroceso quita la última esquina, Esc lo descarta.</numerusform>
            <numerusform>%n esquinas colocadas: haga doble clic o presione Intro para cerrar el polígono; Retroceso quita la última esquina, Esc lo descarta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Added the mask “{name}”: every excerpt of this camera hides it.</source>
        <translation>Se agregó la máscara “{name}”: todos los extractos de esta cámara la ocultan.</translation>
    </message>
    <message>
        <source>Remove privacy mask</source>
        <translation>Quitar máscara de privacidad</translation>
    </message>
    <message>
        <source>Remove the mask “{mask}” of {camera}? Excerpts made from now on show what it hid; packages already made are not changed.</source>
        <translation>¿Quitar la máscara “{mask}” de {camera}? Los extractos que se hagan a partir de ahora mostrarán lo que ocultaba; los paquetes ya creados no cambian.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Removed the mask “{name}”.</source>
        <translation>Se quitó la máscara “{name}”.</translation>
    </message>
</context>
<context>
    <name>MaskView</name>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation>Leyendo los clips de la cámara…</translation>
    </message>
    <message>
        <source>Frame of the camera</source>
        <translation>Fotograma de la cámara</translation>
    </message>
    <message>
        <source>Click the corners of an area to hide; double-click or Enter closes it. Arrow keys move a cross, Space places a corner, Backspace takes one back, Escape drops the polygon.</source>
        <translation>Haga clic en las esquinas de una zona que quiera ocultar; doble clic o Intro la cierra. Las flechas mueven una cruz, Espacio coloca una esquina, Retroceso quita la última, Escape descarta el polígono.</translation>
    </message>
</context>
<context>
    <name>MessageFill</name>
    <message>
        <source>time zone</source>
        <translation>zona horaria</translation>
    </message>
    <message>
        <source>agency</source>
        <translation>agencia</translation>
    </message>
    <message>
        <source>case number</source>
        <translation>número de caso</translation>
    </message>
    <message>
        <source>incident</source>
        <translation>incidente</translation>
    </message>
    <message>
        <source>investigator</source>
        <translation>investigador</translation>
    </message>
    <message>
        <source>email</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>start</source>
        <translation>inicio</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fin</translation>
    </message>
    <message>
        <source>portal link</source>
        <translation>enlace al portal</translation>
    </message>
    <message>
        <source>how it came</source>
        <translation>cómo llegó</translation>
    </message>
    <message>
        <source>Filled in: {fields}. Each is marked on the form: check it against the message (hover over a field to see the words it came from).</source>
        <translation>Completado: {fields}. Cada uno está marcado en el formulario: compárelo con el mensaje (pase el puntero sobre un campo para ver las palabras de las que salió).</translation>
    </message>
    <message>
        <source>Nothing in the message was recognised: fill in the form yourself.</source>
        <translation>No se reconoció nada en el mensaje: complete el formulario usted mismo.</translation>
    </message>
    <message>
        <source>Other numbers in the message: {numbers}.</source>
        <translation>Otros números en el mensaje: {numbers}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check the time zone.&lt;/b&gt; {notes}</source>
        <translation>&lt;b&gt;Revise la zona horaria.&lt;/b&gt; {notes}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Assumed&lt;/b&gt;: the message names no time zone. Times are shown in {zone}; if the sender meant another zone, choose it and set the times.</source>
        <translation>&lt;b&gt;Supuesta&lt;/b&gt;: el mensaje no indica ninguna zona horaria. Las horas se muestran en {zone}; si el remitente se refería a otra zona, elíjala y ajuste las horas.</translation>
    </message>
    <message>
        <source>The sender&apos;s zone, as the message names it: {zone}.</source>
        <translation>La zona del remitente, como la indica el mensaje: {zone}.</translation>
    </message>
    <message>
        <source>The message gives UTC offsets; the times are shown in {zone}.</source>
        <translation>El mensaje da desfases respecto de UTC; las horas se muestran en {zone}.</translation>
    </message>
    <message>
        <source>No street address found: draw the area where the message says.</source>
        <translation>No se encontró ninguna dirección: dibuje la zona donde indica el mensaje.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Password of the encrypted zip</source>
        <translation>Contraseña del zip cifrado</translation>
    </message>
    <message>
        <source>The encrypted zip is written to:&lt;br&gt;&lt;tt&gt;{where}&lt;/tt&gt;</source>
        <translation>El zip cifrado se guardó en:&lt;br&gt;&lt;tt&gt;{where}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Write this password down or copy it now.&lt;/b&gt; Doorstep does not keep it: once you close this window it cannot be shown again, and without it nobody can open the zip, not even you.</source>
        <translation>&lt;b&gt;Anote o copie esta contraseña ahora.&lt;/b&gt; Doorstep no la guarda: una vez que cierre esta ventana no se puede volver a mostrar, y sin ella nadie puede abrir el zip, ni siquiera usted.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the password to the clipboard</source>
        <translation>Copiar la contraseña al portapapeles</translation>
    </message>
    <message>
        <source>Give it to the receiver separately from the drive: read it out, or send it by another way than the drive travels. It opens with 7-Zip, WinZip or Keka (AES-256); some built-in unzip tools cannot open it.</source>
        <translation>Désela al destinatario por separado de la unidad: léasela en voz alta o envíela por una vía distinta de la unidad. Se abre con 7-Zip, WinZip o Keka (AES-256); algunas herramientas de descompresión integradas no pueden abrirlo.</translation>
    </message>
    <message>
        <source>I have kept the password</source>
        <translation>Ya guardé la contraseña</translation>
    </message>
    <message>
        <source>Copied. Paste it somewhere safe before you copy anything else.</source>
        <translation>Copiada. Péguela en un lugar seguro antes de copiar otra cosa.</translation>
    </message>
</context>
<context>
    <name>PastePanel</name>
    <message>
        <source>&lt;b&gt;Paste the message&lt;/b&gt; (optional)</source>
        <translation>&lt;b&gt;Pegue el mensaje&lt;/b&gt; (opcional)</translation>
    </message>
    <message>
        <source>Paste the email, text message or letter: Doorstep fills in what it recognises for you to check. Nothing is saved until you press Record request.</source>
        <translation>Pegue el correo electrónico, el mensaje de texto o la carta: Doorstep completa lo que reconoce para que usted lo revise. No se guarda nada hasta que presione Registrar solicitud.</translation>
    </message>
    <message>
        <source>The message you received</source>
        <translation>El mensaje que recibió</translation>
    </message>
    <message>
        <source>Paste the message here…</source>
        <translation>Pegue el mensaje aquí…</translation>
    </message>
    <message>
        <source>Fill in the form from the message</source>
        <translation>Completar el formulario con el mensaje</translation>
    </message>
    <message>
        <source>Addresses in the message: find them on the map and draw the area there.</source>
        <translation>Direcciones en el mensaje: búsquelas en el mapa y dibuje allí la zona.</translation>
    </message>
    <message>
        <source>Addresses found in the message</source>
        <translation>Direcciones encontradas en el mensaje</translation>
    </message>
    <message>
        <source>The message is longer than {count} characters: paste only the request itself.</source>
        <translation>El mensaje tiene más de {count} caracteres: pegue solo la solicitud.</translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <source>◀ Frame</source>
        <translation>◀ Fotograma</translation>
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
        <source>Play or pause both pictures</source>
        <translation>Reproducir o pausar las dos imágenes</translation>
    </message>
    <message>
        <source>Play or pause both pictures together (Space)</source>
        <translation>Reproducir o pausar las dos imágenes a la vez (Espacio)</translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation>Fotograma ▶</translation>
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
        <source>Position in the excerpt</source>
        <translation>Posición en el extracto</translation>
    </message>
    <message>
        <source>Position and length</source>
        <translation>Posición y duración</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>Select a clip to preview it.</source>
        <translation>Seleccione un clip para verlo.</translation>
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
        <source>Play or pause (Space)</source>
        <translation>Reproducir o pausar (Espacio)</translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation>Posición en el clip</translation>
    </message>
    <message>
        <source>Press Play to preview this clip.</source>
        <translation>Presione Reproducir para ver este clip.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Cannot play this clip: {reason}</source>
        <translation>No se puede reproducir este clip: {reason}</translation>
    </message>
</context>
<context>
    <name>RecordRequestDialog</name>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Footage from</source>
        <translation>Grabaciones desde</translation>
    </message>
    <message>
        <source>Footage until</source>
        <translation>Grabaciones hasta</translation>
    </message>
    <message>
        <source>Respond by</source>
        <translation>Fecha límite</translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation>Se conservan</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Se comparten con</translation>
    </message>
    <message>
        <source>Portal link</source>
        <translation>Enlace al portal</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Recibida por</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation>Registrar una solicitud que recibí</translation>
    </message>
    <message>
        <source>Write down the request as the agency sent it. Fields marked * are needed; then draw the area it asks about on the map.</source>
        <translation>Anote la solicitud tal como la envió la agencia. Los campos marcados con * son obligatorios; luego dibuje en el mapa la zona por la que pregunta.</translation>
    </message>
    <message>
        <source>The request&apos;s details</source>
        <translation>Los datos de la solicitud</translation>
    </message>
    <message>
        <source>&lt;b&gt;Area *&lt;/b&gt;: the area the agency asks about</source>
        <translation>&lt;b&gt;Zona *&lt;/b&gt;: la zona por la que pregunta la agencia</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Qué está mal</translation>
    </message>
    <message>
        <source>Record request</source>
        <translation>Registrar solicitud</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Area: draw the area the agency asks about on the map (click the map).</source>
        <translation>Zona: dibuje en el mapa la zona por la que pregunta la agencia (haga clic en el mapa).</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <source>The request</source>
        <translation>La solicitud</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>The request could not be recorded: {reason}</source>
        <translation>No se pudo registrar la solicitud: {reason}</translation>
    </message>
</context>
<context>
    <name>RedactionBar</name>
    <message>
        <source>Blur faces in what is shared</source>
        <translation>Difuminar caras en lo que se comparte</translation>
    </message>
    <message>
        <source>Faces are found and pixelated, with the cameras&apos; privacy masks; each approved excerpt is re-encoded</source>
        <translation>Las caras se detectan y se pixelan, junto con las máscaras de privacidad de las cámaras; cada extracto aprobado se vuelve a codificar</translation>
    </message>
    <message>
        <source>Which approved clips are reviewed</source>
        <translation>Qué clips aprobados están revisados</translation>
    </message>
    <message>
        <source>&amp;Review redaction…</source>
        <translation>Revisar &amp;ocultación…</translation>
    </message>
    <message>
        <source>See the approved clip beside its redacted copy, adjust what is hidden, accept</source>
        <translation>Ver el clip aprobado junto a su copia con ocultación, ajustar lo que se oculta y aceptar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Before sharing: what is hidden&lt;/b&gt;</source>
        <translation>&lt;b&gt;Antes de compartir: lo que se oculta&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Faces are shared as recorded; your cameras&apos; privacy masks still apply.</source>
        <translation>Las caras se comparten tal como se grabaron; las máscaras de privacidad de sus cámaras se siguen aplicando.</translation>
    </message>
    <message>
        <source>Each approved clip is reviewed, faces blurred, before it is shared.</source>
        <translation>Cada clip aprobado se revisa, con las caras difuminadas, antes de compartirlo.</translation>
    </message>
    <message>
        <source>✓ {name}: reviewed</source>
        <translation>✓ {name}: revisado</translation>
    </message>
    <message>
        <source>• {name}: &lt;b&gt;not reviewed yet&lt;/b&gt;</source>
        <translation>• {name}: &lt;b&gt;todavía sin revisar&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;Blurring re-encodes each excerpt; the review says how long it takes.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#555&apos;&gt;Difuminar vuelve a codificar cada extracto; la revisión indica cuánto tarda.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;Review redaction of {name}…</source>
        <translation>Revisar &amp;ocultación de {name}…</translation>
    </message>
</context>
<context>
    <name>RedactionFlow</name>
    <message>
        <source>Review what is hidden first</source>
        <translation>Revise primero lo que se oculta</translation>
    </message>
    <message numerus="yes">
        <source>%n approved clips have not been reviewed: {names}. Nothing is shared until you have seen each one with its faces blurred and accepted it.</source>
        <translation>
            <numerusform>%n clip aprobado no se ha revisado: {names}. No se comparte nada hasta que usted haya visto cada uno con las caras difuminadas y lo haya aceptado.</numerusform>
            <numerusform>%n clips aprobados no se han revisado: {names}. No se comparte nada hasta que usted haya visto cada uno con las caras difuminadas y lo haya aceptado.</numerusform>
        </translation>
    </message>
    <message>
        <source>Or untick “Blur faces…” for this request to share faces as recorded.</source>
        <translation>O desmarque “Difuminar caras…” para esta solicitud si quiere compartir las caras tal como se grabaron.</translation>
    </message>
    <message>
        <source>Review redaction…</source>
        <translation>Revisar ocultación…</translation>
    </message>
    <message>
        <source>Share without hiding faces?</source>
        <translation>¿Compartir sin ocultar las caras?</translation>
    </message>
    <message>
        <source>Faces in the approved clips of this request would be shared as recorded, without your review. Your cameras&apos; privacy masks still apply.</source>
        <translation>Las caras de los clips aprobados de esta solicitud se compartirían tal como se grabaron, sin su revisión. Las máscaras de privacidad de sus cámaras se siguen aplicando.</translation>
    </message>
    <message>
        <source>The package&apos;s manifest says what was hidden; no face search is listed.</source>
        <translation>El manifiesto del paquete indica lo que se ocultó; no figura ninguna búsqueda de caras.</translation>
    </message>
</context>
<context>
    <name>RedactionReview</name>
    <message>
        <source>pixelated (large blocks)</source>
        <translation>pixeladas (bloques grandes)</translation>
    </message>
    <message>
        <source>filled solid black</source>
        <translation>rellenas de negro</translation>
    </message>
    <message>
        <source>Review what is hidden before sharing</source>
        <translation>Revisar lo que se oculta antes de compartir</translation>
    </message>
    <message>
        <source>Redaction review</source>
        <translation>Revisión de la ocultación</translation>
    </message>
    <message>
        <source>Opening the excerpt…</source>
        <translation>Abriendo el extracto…</translation>
    </message>
    <message>
        <source>Re-encoding and how long it takes</source>
        <translation>Recodificación y cuánto tarda</translation>
    </message>
    <message>
        <source>Original excerpt, what is hidden outlined</source>
        <translation>Extracto original, con lo que se oculta marcado</translation>
    </message>
    <message>
        <source>Redacted preview, as it will be shared</source>
        <translation>Vista previa con ocultación, tal como se compartirá</translation>
    </message>
    <message>
        <source>The redacted preview is made once the excerpt is read.</source>
        <translation>La vista previa con ocultación se crea cuando se termina de leer el extracto.</translation>
    </message>
    <message>
        <source>How hidden parts look</source>
        <translation>Cómo se ven las partes ocultas</translation>
    </message>
    <message>
        <source>Faces are looked for once the excerpt is read.</source>
        <translation>Las caras se buscan cuando se termina de leer el extracto.</translation>
    </message>
    <message>
        <source>What the face search found</source>
        <translation>Lo que encontró la búsqueda de caras</translation>
    </message>
    <message>
        <source>&amp;Update the preview</source>
        <translation>Act&amp;ualizar la vista previa</translation>
    </message>
    <message>
        <source>Re-encode the preview with your changes</source>
        <translation>Volver a codificar la vista previa con sus cambios</translation>
    </message>
    <message>
        <source>&amp;Accept what is hidden</source>
        <translation>&amp;Aceptar lo que se oculta</translation>
    </message>
    <message>
        <source>Store this plan: the excerpt is shared as the preview shows</source>
        <translation>Guardar este plan: el extracto se comparte como lo muestra la vista previa</translation>
    </message>
    <message>
        <source>Close without keeping anything</source>
        <translation>Cerrar sin guardar nada</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt; (outlined: what is hidden)</source>
        <translation>&lt;b&gt;Original&lt;/b&gt; (marcado: lo que se oculta)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Redacted&lt;/b&gt;, as it will be shared</source>
        <translation>&lt;b&gt;Con ocultación&lt;/b&gt;, tal como se compartirá</translation>
    </message>
    <message>
        <source>&amp;Hidden parts are</source>
        <translation>Las partes &amp;ocultas se ven</translation>
    </message>
    <message>
        <source>Changes to what is hidden</source>
        <translation>Cambios en lo que se oculta</translation>
    </message>
    <message>
        <source>Cannot show the excerpt: {reason}</source>
        <translation>No se puede mostrar el extracto: {reason}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{camera}&lt;/b&gt;, {file}: the part shared runs from {start} to {end} of the clip ({length} long). Check what is hidden, adjust, then accept.</source>
        <translation>&lt;b&gt;{camera}&lt;/b&gt;, {file}: la parte que se comparte va de {start} a {end} del clip (dura {length}). Revise lo que se oculta, ajústelo y luego acepte.</translation>
    </message>
    <message numerus="yes">
        <source>%n faces in the plan stored for this clip.</source>
        <translation>
            <numerusform>%n cara en el plan guardado para este clip.</numerusform>
            <numerusform>%n caras en el plan guardado para este clip.</numerusform>
        </translation>
    </message>
    <message>
        <source>You accepted this on {when}; changes need accepting again.</source>
        <translation>Usted aceptó esto el {when}; los cambios hay que volver a aceptarlos.</translation>
    </message>
    <message>
        <source>Faces were not looked for: “Look for faces” runs the detector.</source>
        <translation>No se buscaron caras: “Buscar caras” ejecuta el detector.</translation>
    </message>
    <message>
        <source>This excerpt cannot be reviewed: {reason}</source>
        <translation>Este extracto no se puede revisar: {reason}</translation>
    </message>
    <message>
        <source>The preview shows what will be shared.</source>
        <translation>La vista previa muestra lo que se compartirá.</translation>
    </message>
    <message>
        <source>No preview yet: it is made after the excerpt is analysed.</source>
        <translation>Todavía no hay vista previa: se crea después de analizar el extracto.</translation>
    </message>
    <message>
        <source>The preview does not show your latest changes yet: update it to see them before you accept.</source>
        <translation>La vista previa todavía no muestra sus últimos cambios: actualícela para verlos antes de aceptar.</translation>
    </message>
    <message>
        <source>Drag a rectangle around what to hide on the left-hand picture, or move the red one with the arrow keys (Shift + arrows: its size) and press Enter. Escape gives up.</source>
        <translation>Arrastre un rectángulo alrededor de lo que quiere ocultar en la imagen de la izquierda, o mueva el rojo con las flechas (Mayús + flechas: su tamaño) y presione Intro. Escape cancela.</translation>
    </message>
    <message>
        <source>Following the box was stopped: nothing was added.</source>
        <translation>Se detuvo el seguimiento del recuadro: no se agregó nada.</translation>
    </message>
    <message>
        <source>The box lost what it followed at {where}: go there and use “Correct here…”. Update the preview to see it hidden.</source>
        <translation>El recuadro perdió lo que seguía en {where}: vaya allí y use “Corregir aquí…”. Actualice la vista previa para verlo oculto.</translation>
    </message>
    <message>
        <source>The box follows what you drew. Update the preview to see it hidden.</source>
        <translation>El recuadro sigue lo que usted dibujó. Actualice la vista previa para verlo oculto.</translation>
    </message>
    <message>
        <source>following the box through the excerpt</source>
        <translation>siguiendo el recuadro a lo largo del extracto</translation>
    </message>
    <message>
        <source>Looking for faces was stopped: no face is hidden.</source>
        <translation>Se detuvo la búsqueda de caras: no se oculta ninguna cara.</translation>
    </message>
    <message>
        <source>Faces cannot be looked for: {reason}. No face is hidden; you can still draw boxes.</source>
        <translation>No se pueden buscar caras: {reason}. No se oculta ninguna cara; todavía puede dibujar recuadros.</translation>
    </message>
    <message numerus="yes">
        <source>%n faces found and followed in {time}: check each is hidden where it shows.</source>
        <translation>
            <numerusform>%n cara encontrada y seguida en {time}: compruebe que quede oculta donde aparece.</numerusform>
            <numerusform>%n caras encontradas y seguidas en {time}: compruebe que cada una quede oculta donde aparece.</numerusform>
        </translation>
    </message>
    <message>
        <source>No face found (looked for in {time}): play the excerpt to be sure, and draw a box over anything to hide.</source>
        <translation>No se encontró ninguna cara (búsqueda en {time}): reproduzca el extracto para estar seguro y dibuje un recuadro sobre lo que quiera ocultar.</translation>
    </message>
    <message>
        <source>looking for faces</source>
        <translation>buscando caras</translation>
    </message>
    <message>
        <source>Re-encoding was stopped: the preview is not up to date.</source>
        <translation>Se detuvo la recodificación: la vista previa no está al día.</translation>
    </message>
    <message>
        <source>re-encoding the excerpt with what is hidden</source>
        <translation>volviendo a codificar el extracto con lo que se oculta</translation>
    </message>
    <message>
        <source>Not stored: {reason}</source>
        <translation>No se guardó: {reason}</translation>
    </message>
    <message>
        <source>Redaction re-encodes the excerpt: what is shared is a new encoding of the camera&apos;s pictures with the hidden parts pixelated, not the camera&apos;s own file (the package still names the original&apos;s hash).</source>
        <translation>La ocultación vuelve a codificar el extracto: lo que se comparte es una nueva codificación de las imágenes de la cámara con las partes ocultas pixeladas, no el archivo propio de la cámara (el paquete sigue indicando el hash del original).</translation>
    </message>
    <message>
        <source>how long it takes here is measured while the first preview is made</source>
        <translation>cuánto tarda aquí se mide mientras se crea la primera vista previa</translation>
    </message>
    <message>
        <source>{time} at the speed measured here</source>
        <translation>{time} a la velocidad medida aquí</translation>
    </message>
    <message>
        <source>about {time} at the speed measured here</source>
        <translation>unos {time} a la velocidad medida aquí</translation>
    </message>
    <message>
        <source>Nothing is hidden in this excerpt as it stands: it is shared as recorded, not re-encoded. Anything you hide makes it a re-encoded copy, {time}.</source>
        <translation>Tal como está, en este extracto no se oculta nada: se comparte tal como se grabó, sin recodificar. Cualquier cosa que oculte lo convierte en una copia recodificada, {time}.</translation>
    </message>
    <message>
        <source>{reencodes} Here it took {took} for {length} of video ({speed}× real time); the export re-encodes it again, {time}.</source>
        <translation>{reencodes} Aquí tardó {took} para {length} de video ({speed}× tiempo real); la exportación lo vuelve a codificar, {time}.</translation>
    </message>
    <message>
        <source>{reencodes} For this excerpt: {time}.</source>
        <translation>{reencodes} Para este extracto: {time}.</translation>
    </message>
</context>
<context>
    <name>RequestDetailPanel</name>
    <message>
        <source>OK</source>
        <translation>Cumple</translation>
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
        <source>Request for footage</source>
        <translation>Solicitud de grabaciones</translation>
    </message>
    <message>
        <source>no case number</source>
        <translation>sin número de caso</translation>
    </message>
    <message>
        <source> · case {case} · &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation> · caso {case} · &lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{how}: the agency did not send it through Doorstep.</source>
        <translation>{how}: la agencia no la envió a través de Doorstep.</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>no se indica</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Período</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>no se indica</translation>
    </message>
    <message>
        <source>Keeps footage</source>
        <translation>Conserva las grabaciones</translation>
    </message>
    <message>
        <source>Passes it on</source>
        <translation>Las transmite a</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>none to check (entered by you)</source>
        <translation>ninguna que verificar (ingresada por usted)</translation>
    </message>
    <message>
        <source>Agency&apos;s portal</source>
        <translation>Portal de la agencia</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Id. de la solicitud</translation>
    </message>
    <message>
        <source>Your rules</source>
        <translation>Sus reglas</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>current</source>
        <translation>vigente</translation>
    </message>
    <message>
        <source>replaced by a later version</source>
        <translation>reemplazada por una versión posterior</translation>
    </message>
    <message>
        <source>withdrawn by the agency</source>
        <translation>retirada por la agencia</translation>
    </message>
    <message>
        <source>Version {version}, received {when}: {state}</source>
        <translation>Versión {version}, recibida el {when}: {state}</translation>
    </message>
    <message>
        <source>Your footage</source>
        <translation>Sus grabaciones</translation>
    </message>
    <message>
        <source>None of your cameras is in this area: &lt;b&gt;nothing to do&lt;/b&gt;.</source>
        <translation>Ninguna de sus cámaras está en esta zona: &lt;b&gt;no hay nada que hacer&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Nothing is shared unless you approve it, clip by clip.</source>
        <translation>No se comparte nada a menos que usted lo apruebe, clip por clip.</translation>
    </message>
    <message>
        <source>Select a request to see what it asks for and how it fares against your rules.</source>
        <translation>Seleccione una solicitud para ver qué pide y cómo se ajusta a sus reglas.</translation>
    </message>
    <message>
        <source>Candidate clips</source>
        <translation>Clips candidatos</translation>
    </message>
    <message>
        <source>The request&apos;s details</source>
        <translation>Los datos de la solicitud</translation>
    </message>
    <message>
        <source>Select one or more clips first.</source>
        <translation>Seleccione primero uno o más clips.</translation>
    </message>
    <message numerus="yes">
        <source>%n clips approved.</source>
        <translation>
            <numerusform>%n clip aprobado.</numerusform>
            <numerusform>%n clips aprobados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips declined (nothing is sent).</source>
        <translation>
            <numerusform>%n clip rechazado (no se envía nada).</numerusform>
            <numerusform>%n clips rechazados (no se envía nada).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips back to pending.</source>
        <translation>
            <numerusform>%n clip vuelve a pendiente.</numerusform>
            <numerusform>%n clips vuelven a pendiente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation>No se registró: {reason}</translation>
    </message>
    <message>
        <source>Export the package to a folder</source>
        <translation>Exportar el paquete a una carpeta</translation>
    </message>
    <message>
        <source>Building the package…</source>
        <translation>Creando el paquete…</translation>
    </message>
    <message>
        <source>Building and delivering the package…</source>
        <translation>Creando y entregando el paquete…</translation>
    </message>
    <message>
        <source>Not shared: {reason}</source>
        <translation>No se compartió: {reason}</translation>
    </message>
    <message>
        <source>clip {id} ({why})</source>
        <translation>clip {id} ({why})</translation>
    </message>
    <message>
        <source>Share a clip whose time is uncertain?</source>
        <translation>¿Compartir un clip cuya hora es incierta?</translation>
    </message>
    <message>
        <source>The recording time of {clips} may be wrong: the footage may not be from the request&apos;s window. Share it anyway?</source>
        <translation>La hora de grabación de {clips} puede estar mal: es posible que las grabaciones no sean del período de la solicitud. ¿Compartir de todos modos?</translation>
    </message>
    <message>
        <source>Share a sensitive clip?</source>
        <translation>¿Compartir un clip delicado?</translation>
    </message>
    <message>
        <source>You flagged {clips}. Share it anyway?</source>
        <translation>Usted marcó {clips}. ¿Compartir de todos modos?</translation>
    </message>
    <message>
        <source>Only the part inside the request&apos;s window is shared, without sound unless you choose otherwise.</source>
        <translation>Solo se comparte la parte dentro del período de la solicitud, sin sonido a menos que usted elija lo contrario.</translation>
    </message>
    <message>
        <source>shows children</source>
        <translation>muestra niños</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privado</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>Not stated</source>
        <translation>No se indica</translation>
    </message>
    <message>
        <source>No one else</source>
        <translation>Nadie más</translation>
    </message>
    <message>
        <source>Prosecutors only</source>
        <translation>Solo la fiscalía</translation>
    </message>
    <message>
        <source>Other agencies</source>
        <translation>Otras agencias</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>Mensaje de texto</translation>
    </message>
    <message>
        <source>An app (Ring/Neighbors…)</source>
        <translation>Una aplicación (Ring/Neighbors…)</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>En persona</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Llamada telefónica</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>filled from the message – check it</source>
        <translation>tomado del mensaje: revíselo</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>e.g. Seattle Police Department</source>
        <translation>p. ej., Departamento de Policía de Seattle</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <source>as the agency wrote it</source>
        <translation>tal como lo escribió la agencia</translation>
    </message>
    <message>
        <source>Investigator&apos;s name</source>
        <translation>Nombre del investigador</translation>
    </message>
    <message>
        <source>Investigator&apos;s email</source>
        <translation>Correo electrónico del investigador</translation>
    </message>
    <message>
        <source>Investigator&apos;s phone</source>
        <translation>Teléfono del investigador</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incidente</translation>
    </message>
    <message>
        <source>e.g. vehicle break-in</source>
        <translation>p. ej., robo en un vehículo</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>What the agency says it is looking for</source>
        <translation>Lo que la agencia dice que busca</translation>
    </message>
    <message>
        <source>Footage wanted from</source>
        <translation>Grabaciones solicitadas desde</translation>
    </message>
    <message>
        <source>Footage wanted until</source>
        <translation>Grabaciones solicitadas hasta</translation>
    </message>
    <message>
        <source>Time zone of the times</source>
        <translation>Zona horaria de las horas</translation>
    </message>
    <message>
        <source>Respond by</source>
        <translation>Fecha límite</translation>
    </message>
    <message>
        <source>Stated</source>
        <translation>Se indica</translation>
    </message>
    <message>
        <source>The request states a respond-by date</source>
        <translation>La solicitud indica una fecha límite de respuesta</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>How long the agency keeps the footage, in days</source>
        <translation>Cuánto tiempo conserva la agencia las grabaciones, en días</translation>
    </message>
    <message>
        <source>Who else the agency may share the footage with</source>
        <translation>Con quién más puede compartir la agencia las grabaciones</translation>
    </message>
    <message>
        <source>Portal link</source>
        <translation>Enlace al portal</translation>
    </message>
    <message>
        <source>https://… (where to upload, if the agency gave one)</source>
        <translation>https://… (dónde subirlo, si la agencia dio uno)</translation>
    </message>
    <message>
        <source>How the request reached you</source>
        <translation>Cómo le llegó la solicitud</translation>
    </message>
    <message>
        <source>Agency *</source>
        <translation>Agencia *</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Footage from *</source>
        <translation>Grabaciones desde *</translation>
    </message>
    <message>
        <source>until *</source>
        <translation>hasta *</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation>Se conservan</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Se comparten con</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Recibida por</translation>
    </message>
    <message>
        <source>Filled from the message: “{words}” – check it</source>
        <translation>Completado con el mensaje: “{words}”; revíselo</translation>
    </message>
    <message>
        <source>Time zone: “{name}” is not a time zone name.</source>
        <translation>Zona horaria: “{name}” no es el nombre de una zona horaria.</translation>
    </message>
    <message>
        <source>Agency: say which agency sent the request.</source>
        <translation>Agencia: indique qué agencia envió la solicitud.</translation>
    </message>
    <message>
        <source>Footage until: the end must come after the start.</source>
        <translation>Grabaciones hasta: el fin debe ser posterior al inicio.</translation>
    </message>
    <message>
        <source>Footage until: the window is longer than a year.</source>
        <translation>Grabaciones hasta: el período dura más de un año.</translation>
    </message>
</context>
<context>
    <name>RequestsView</name>
    <message>
        <source>All requests</source>
        <translation>Todas las solicitudes</translation>
    </message>
    <message>
        <source>Open (new or needing a decision)</source>
        <translation>Abiertas (nuevas o por decidir)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nueva</translation>
    </message>
    <message>
        <source>Needs decision</source>
        <translation>Por decidir</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Decidida</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>No footage</source>
        <translation>Sin video</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirada</translation>
    </message>
    <message>
        <source>Search agency, case number, incident</source>
        <translation>Buscar agencia, número de caso, incidente</translation>
    </message>
    <message>
        <source>Search requests</source>
        <translation>Buscar solicitudes</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No requests yet&lt;/h3&gt;&lt;p&gt;Requests for footage arrive from agency feeds (Requests ▸ Feeds…) or as files: use Requests ▸ Import request… or drop a request file (.json) on this window.&lt;/p&gt;&lt;p&gt;Got one by email, text message, an app or a letter? Record it yourself:&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Todavía no hay solicitudes&lt;/h3&gt;&lt;p&gt;Las solicitudes de grabaciones llegan por las fuentes de las agencias (Solicitudes ▸ Fuentes…) o como archivos: use Solicitudes ▸ Importar solicitud… o suelte un archivo de solicitud (.json) en esta ventana.&lt;/p&gt;&lt;p&gt;¿Recibió una por correo electrónico, mensaje de texto, una aplicación o una carta? Regístrela usted mismo:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Record a request I received…</source>
        <translation>Registrar una solicitud que recibí…</translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation>Registrar una solicitud que recibí</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} de {total}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln requests</source>
        <translation>
            <numerusform>%Ln solicitud</numerusform>
            <numerusform>%Ln solicitudes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln open&lt;/b&gt; · {requests}</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln abierta&lt;/b&gt; · {requests}</numerusform>
            <numerusform>&lt;b&gt;%Ln abiertas&lt;/b&gt; · {requests}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>retention period ended on {day}</source>
        <translation>el período de conservación terminó el {day}</translation>
    </message>
    <message>
        <source>ends on {day}</source>
        <translation>termina el {day}</translation>
    </message>
    <message>
        <source>{agency} — case number: {case} — {when}</source>
        <translation>{agency} — número de caso: {case} — {when}</translation>
    </message>
    <message>
        <source>Retention follow-up</source>
        <translation>Seguimiento de la conservación</translation>
    </message>
    <message>
        <source>Agencies that stated how long they keep footage: once that period has ended, you can ask them to delete every copy. Nothing is sent from here: copy the letter into an email, or save it as a PDF and send it yourself.</source>
        <translation>Agencias que indicaron cuánto tiempo conservan las grabaciones: cuando ese período termina, usted puede pedirles que eliminen todas las copias. Desde aquí no se envía nada: copie la carta en un correo electrónico, o guárdela como PDF y envíela usted mismo.</translation>
    </message>
    <message>
        <source>Deliveries with a retention period</source>
        <translation>Entregas con un período de conservación</translation>
    </message>
    <message>
        <source>No footage you delivered came with a stated retention period, so there is nothing to follow up.</source>
        <translation>Ninguna de las grabaciones que entregó tenía un período de conservación indicado, así que no hay nada que seguir.</translation>
    </message>
    <message>
        <source>Your name, to sign the letter (optional; not stored)</source>
        <translation>Su nombre, para firmar la carta (opcional; no se guarda)</translation>
    </message>
    <message>
        <source>The deletion request</source>
        <translation>La solicitud de eliminación</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Sign as:</source>
        <translation>Firmar como:</translation>
    </message>
    <message>
        <source>Reading your deliveries…</source>
        <translation>Leyendo sus entregas…</translation>
    </message>
    <message numerus="yes">
        <source>Delivered on {when}, {how}; %n days stated</source>
        <translation>
            <numerusform>Entregada el {when}, {how}; %n día indicado</numerusform>
            <numerusform>Entregada el {when}, {how}; %n días indicados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{due} of %n deliveries are past their retention period.</source>
        <translation>
            <numerusform>{due} de %n entrega superó su período de conservación.</numerusform>
            <numerusform>{due} de %n entregas superaron su período de conservación.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read your deliveries: {reason}</source>
        <translation>No se pudieron leer sus entregas: {reason}</translation>
    </message>
    <message>
        <source>The letter is on the clipboard.</source>
        <translation>La carta está en el portapapeles.</translation>
    </message>
    <message>
        <source>Save the deletion request as PDF</source>
        <translation>Guardar la solicitud de eliminación como PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Guardando {name}…</translation>
    </message>
    <message>
        <source>saving the deletion request</source>
        <translation>guardando la solicitud de eliminación</translation>
    </message>
    <message>
        <source>Saved the letter as {path}.</source>
        <translation>La carta se guardó como {path}.</translation>
    </message>
    <message>
        <source>Could not save the PDF: {reason}</source>
        <translation>No se pudo guardar el PDF: {reason}</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Your rules for requests</source>
        <translation>Sus reglas para las solicitudes</translation>
    </message>
    <message>
        <source>Your rules</source>
        <translation>Sus reglas</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>A case number is required (otherwise: warning)</source>
        <translation>Se requiere un número de caso (si no: advertencia)</translation>
    </message>
    <message>
        <source>An investigator contact is required (otherwise: warning)</source>
        <translation>Se requiere un contacto del investigador (si no: advertencia)</translation>
    </message>
    <message>
        <source> sq mi</source>
        <translation> mi²</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>Decline requests that a rule blocks automatically (locally: nothing is sent)</source>
        <translation>Rechazar automáticamente las solicitudes que bloquea una regla (localmente: no se envía nada)</translation>
    </message>
    <message>
        <source>Also match cameras outside the area whose view reaches into it</source>
        <translation>Incluir también las cámaras fuera de la zona cuya vista llega a ella</translation>
    </message>
    <message>
        <source>Blocks (nothing can be shared)</source>
        <translation>Bloqueos (no se puede compartir nada)</translation>
    </message>
    <message>
        <source>Oldest footage, counted from the request&apos;s issue date</source>
        <translation>Grabaciones más antiguas, contadas desde la fecha de emisión de la solicitud</translation>
    </message>
    <message>
        <source>Smallest area</source>
        <translation>Zona más pequeña</translation>
    </message>
    <message>
        <source>Largest area</source>
        <translation>Zona más grande</translation>
    </message>
    <message>
        <source>Expired requests and bad signatures always block.</source>
        <translation>Las solicitudes vencidas y las firmas no válidas siempre bloquean.</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>Shortest time window</source>
        <translation>Período más corto</translation>
    </message>
    <message>
        <source>Longest time window</source>
        <translation>Período más largo</translation>
    </message>
    <message>
        <source>Longest retention you accept</source>
        <translation>Conservación más larga que acepta</translation>
    </message>
    <message>
        <source>Unsigned requests, unknown keys, retention or third-party sharing not stated, and unrestricted sharing always warn.</source>
        <translation>Las solicitudes sin firma, las claves desconocidas, la conservación o el intercambio con terceros sin indicar y el intercambio sin restricciones siempre generan una advertencia.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Seconds kept before and after the window in each excerpt</source>
        <translation>Segundos que se conservan antes y después del período en cada extracto</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Compartir</translation>
    </message>
    <message>
        <source>Margin around the window</source>
        <translation>Margen alrededor del período</translation>
    </message>
    <message>
        <source>Receiver accepts at most</source>
        <translation>El destinatario acepta como máximo</translation>
    </message>
    <message>
        <source>files, each at most</source>
        <translation>archivos, cada uno de hasta</translation>
    </message>
    <message>
        <source>and in all at most</source>
        <translation>y en total hasta</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Tratamiento</translation>
    </message>
</context>
<context>
    <name>ShareBar</name>
    <message>
        <source>Keep the sound</source>
        <translation>Conservar el sonido</translation>
    </message>
    <message>
        <source>Sound is removed unless you keep it</source>
        <translation>El sonido se quita a menos que usted lo conserve</translation>
    </message>
    <message>
        <source>Add the time (UTC) as subtitles</source>
        <translation>Con la hora (UTC) como subtítulos</translation>
    </message>
    <message>
        <source>Burn the time (UTC) into the picture</source>
        <translation>Grabar la hora (UTC) en la imagen</translation>
    </message>
    <message>
        <source>Draws the time on every frame; the excerpts are re-encoded (a working copy, not the camera&apos;s own pictures)</source>
        <translation>Dibuja la hora en cada fotograma; los extractos se vuelven a codificar (una copia de trabajo, no las imágenes propias de la cámara)</translation>
    </message>
    <message>
        <source>Add content credentials (C2PA)</source>
        <translation>Con credenciales de contenido (C2PA)</translation>
    </message>
    <message>
        <source>Each excerpt carries a C2PA record of how it was made from the original (trimmed, sound removed, redacted), signed with your key</source>
        <translation>Cada extracto lleva un registro C2PA de cómo se hizo a partir del original (recortado, sin sonido, con ocultación), firmado con su clave</translation>
    </message>
    <message>
        <source>Export as one .zip file</source>
        <translation>Exportar como un solo archivo .zip</translation>
    </message>
    <message>
        <source>Add your statement…</source>
        <translation>Agregar su declaración…</translation>
    </message>
    <message>
        <source>Words of your own, signed with the package and printed in its exhibit summary</source>
        <translation>Palabras suyas, firmadas con el paquete e impresas en su resumen de prueba</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>Exportar paquete…</translation>
    </message>
    <message>
        <source>Write the approved parts, signed, to a folder or zip</source>
        <translation>Escribir las partes aprobadas, firmadas, en una carpeta o un zip</translation>
    </message>
    <message>
        <source>Deliver to the agency</source>
        <translation>Entregar a la agencia</translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation>Entregar…</translation>
    </message>
    <message>
        <source>Give the package to the agency through its portal, on a USB drive or in person, and record it</source>
        <translation>Entregar el paquete a la agencia por su portal, en una unidad USB o en persona, y registrarlo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Share what you approved&lt;/b&gt;</source>
        <translation>&lt;b&gt;Compartir lo que aprobó&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Your statement: %n words</source>
        <translation>
            <numerusform>Su declaración: %n palabra</numerusform>
            <numerusform>Su declaración: %n palabras</numerusform>
        </translation>
    </message>
    <message>
        <source>No statement</source>
        <translation>Sin declaración</translation>
    </message>
    <message>
        <source>Edit your statement…</source>
        <translation>Editar su declaración…</translation>
    </message>
    <message>
        <source>Upload to the address the request names, with your token from the keyring</source>
        <translation>Subir a la dirección que indica la solicitud, con su token del llavero</translation>
    </message>
    <message>
        <source>This request asks for hand delivery: export the package instead</source>
        <translation>Esta solicitud pide entrega en mano: exporte el paquete en su lugar</translation>
    </message>
    <message>
        <source>Delivered on {when}.</source>
        <translation>Entregada el {when}.</translation>
    </message>
    <message>
        <source>Approve clips first: only approved parts are shared.</source>
        <translation>Apruebe primero los clips: solo se comparten las partes aprobadas.</translation>
    </message>
    <message numerus="yes">
        <source>%n approved clips: only the part inside the window goes.</source>
        <translation>
            <numerusform>%n clip aprobado: solo se envía la parte dentro del período.</numerusform>
            <numerusform>%n clips aprobados: solo se envía la parte dentro del período.</numerusform>
        </translation>
    </message>
    <message>
        <source>A package is built: Hand over… when you give it to the agency.</source>
        <translation>Hay un paquete creado: use Entregar… cuando se lo dé a la agencia.</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Your statement (optional)</source>
        <translation>Su declaración (opcional)</translation>
    </message>
    <message>
        <source>Your statement</source>
        <translation>Su declaración</translation>
    </message>
    <message>
        <source>Words of your own to go with the footage, for example what you saw or heard. They are signed with the package and printed in its exhibit summary. Leave it empty for none.</source>
        <translation>Palabras suyas que acompañan a las grabaciones, por ejemplo lo que vio u oyó. Se firman con el paquete y se imprimen en su resumen de prueba. Déjelo vacío si no quiere ninguna.</translation>
    </message>
</context>
<context>
    <name>_Coordinate</name>
    <message>
        <source>e.g. {example}</source>
        <translation>p. ej., {example}</translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n solicitud</numerusform>
            <numerusform>%n solicitudes</numerusform>
        </translation>
    </message>
</context>
</TS>
