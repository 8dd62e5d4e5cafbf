<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AuditIndicator</name>
    <message>
        <source>Audit trail: not checked yet</source>
        <translation>Auditoría: sin comprobar</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Check the audit trail again</source>
        <translation>Comprobar de nuevo el registro de auditoría</translation>
    </message>
    <message>
        <source>Check every entry of the audit trail&apos;s hash chain</source>
        <translation>Comprobar cada entrada de la cadena de hashes del registro de auditoría</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 entrada</translation>
    </message>
    <message numerus="yes">
        <source>{count} entries</source>
        <translation>
            <numerusform>{count} entrada</numerusform>
            <numerusform>{count} entradas</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit trail: {count}, could not be checked</source>
        <translation>Auditoría: {count}, no se pudo comprobar</translation>
    </message>
    <message>
        <source>Audit trail: {count}, not checked yet</source>
        <translation>Auditoría: {count}, sin comprobar</translation>
    </message>
    <message>
        <source>Audit trail: intact ({count})</source>
        <translation>Auditoría: intacta ({count})</translation>
    </message>
    <message>
        <source>1 entry written since the check (by this window or another program), chained to the one before; “Check again” checks them all.</source>
        <translation>1 entrada escrita desde la comprobación (por esta ventana u otro programa), encadenada a la anterior; “Comprobar” las comprueba todas.</translation>
    </message>
    <message numerus="yes">
        <source>{count} entries written since the check (by this window or another program), each chained to the one before; “Check again” checks them all.</source>
        <translation>
            <numerusform>{count} entrada escrita desde la comprobación (por esta ventana u otro programa), encadenada a la anterior; “Comprobar” las comprueba todas.</numerusform>
            <numerusform>{count} entradas escritas desde la comprobación (por esta ventana u otro programa), cada una encadenada a la anterior; “Comprobar” las comprueba todas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit trail: BROKEN at entry {entry}</source>
        <translation>Auditoría: ROTA en la entrada {entry}</translation>
    </message>
    <message>
        <source>Audit trail: GONE</source>
        <translation>Auditoría: NO EXISTE</translation>
    </message>
    <message>
        <source>{count} in the trail now.</source>
        <translation>{count} en el registro ahora.</translation>
    </message>
    <message>
        <source>Audit trail: checking…</source>
        <translation>Auditoría: comprobando…</translation>
    </message>
    <message>
        <source>checking the audit trail</source>
        <translation>comprobando el registro de auditoría</translation>
    </message>
    <message>
        <source>Audit trail: could not be checked</source>
        <translation>Auditoría: no se pudo comprobar</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>request received</source>
        <translation>solicitud recibida</translation>
    </message>
    <message>
        <source>request withdrawn</source>
        <translation>solicitud retirada</translation>
    </message>
    <message>
        <source>request declined automatically</source>
        <translation>solicitud rechazada automáticamente</translation>
    </message>
    <message>
        <source>request viewed</source>
        <translation>solicitud vista</translation>
    </message>
    <message>
        <source>rules changed</source>
        <translation>reglas cambiadas</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>decisión</translation>
    </message>
    <message>
        <source>redaction accepted</source>
        <translation>ocultación aceptada</translation>
    </message>
    <message>
        <source>package built</source>
        <translation>paquete creado</translation>
    </message>
    <message>
        <source>package delivered</source>
        <translation>paquete entregado</translation>
    </message>
    <message>
        <source>package delivered again</source>
        <translation>paquete entregado de nuevo</translation>
    </message>
    <message>
        <source>package handed over</source>
        <translation>paquete traspasado</translation>
    </message>
    <message>
        <source>encrypted zip made</source>
        <translation>zip cifrado creado</translation>
    </message>
    <message>
        <source>camera added</source>
        <translation>cámara agregada</translation>
    </message>
    <message>
        <source>camera changed</source>
        <translation>cámara modificada</translation>
    </message>
    <message>
        <source>camera removed</source>
        <translation>cámara eliminada</translation>
    </message>
    <message>
        <source>camera retired</source>
        <translation>cámara retirada</translation>
    </message>
    <message>
        <source>clock measured</source>
        <translation>reloj medido</translation>
    </message>
    <message>
        <source>privacy mask added</source>
        <translation>máscara de privacidad agregada</translation>
    </message>
    <message>
        <source>privacy mask removed</source>
        <translation>máscara de privacidad eliminada</translation>
    </message>
    <message>
        <source>agency changed</source>
        <translation>agencia modificada</translation>
    </message>
    <message>
        <source>feed added</source>
        <translation>fuente agregada</translation>
    </message>
    <message>
        <source>feed removed</source>
        <translation>fuente eliminada</translation>
    </message>
    <message>
        <source>credential changed</source>
        <translation>credencial modificada</translation>
    </message>
    <message>
        <source>clip held</source>
        <translation>clip conservado</translation>
    </message>
    <message>
        <source>hold released</source>
        <translation>conservación terminada</translation>
    </message>
    <message>
        <source>hold budget changed</source>
        <translation>límite de conservación modificado</translation>
    </message>
    <message>
        <source>clip flagged</source>
        <translation>marca del clip modificada</translation>
    </message>
</context>
<context>
    <name>BackgroundStart</name>
    <message>
        <source>A retention period has ended</source>
        <translation>Ha terminado un período de conservación</translation>
    </message>
</context>
<context>
    <name>CandidatesModel</name>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>In window</source>
        <translation>En el período</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>{path} (flagged: {flags})</source>
        <translation>{path} (marcado: {flags})</translation>
    </message>
    <message>
        <source>time uncertain</source>
        <translation>hora incierta</translation>
    </message>
    <message>
        <source>{camera} (view reaches in)</source>
        <translation>{camera} (su vista alcanza el área)</translation>
    </message>
    <message>
        <source>{camera} (retired)</source>
        <translation>{camera} (retirada)</translation>
    </message>
    <message>
        <source>{start} (uncertain)</source>
        <translation>{start} (incierta)</translation>
    </message>
    <message>
        <source>{inside} of {duration}</source>
        <translation>{inside} de {duration}</translation>
    </message>
    <message>
        <source>file changed</source>
        <translation>archivo modificado</translation>
    </message>
    <message>
        <source>file lost</source>
        <translation>archivo perdido</translation>
    </message>
</context>
<context>
    <name>CheckTask</name>
    <message>
        <source>check {url}</source>
        <translation>comprobar {url}</translation>
    </message>
</context>
<context>
    <name>ClipsModel</name>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Niños</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privado</translation>
    </message>
    <message>
        <source>When the recording began, on this computer&apos;s clock (the tooltip of each start gives the camera&apos;s local time)</source>
        <translation>Cuándo empezó la grabación, según el reloj de esta computadora (la información emergente de cada inicio da la hora local de la cámara)</translation>
    </message>
    <message>
        <source>Whether the file has sound (shared copies never do)</source>
        <translation>Si el archivo tiene sonido (las copias compartidas nunca lo tienen)</translation>
    </message>
    <message>
        <source>Shows children: sharing such a clip needs an extra confirmation</source>
        <translation>Muestra niños: compartir un clip así requiere una confirmación adicional</translation>
    </message>
    <message>
        <source>Private: sharing such a clip needs an extra confirmation</source>
        <translation>Privado: compartir un clip así requiere una confirmación adicional</translation>
    </message>
    <message>
        <source>Whether Doorstep holds a verified copy, and whether the recorder&apos;s file is still there and unchanged</source>
        <translation>Si Doorstep conserva una copia verificada, y si el archivo de la grabadora sigue ahí y sin cambios</translation>
    </message>
    <message>
        <source>{path}
The picture cannot be decoded: {error}</source>
        <translation>{path}
No se puede decodificar la imagen: {error}</translation>
    </message>
    <message>
        <source>Camera&apos;s local time: {time} (from {source})</source>
        <translation>Hora local de la cámara: {time} (según {source})</translation>
    </message>
    <message>
        <source>⚠ Time uncertain: {note}</source>
        <translation>⚠ Hora incierta: {note}</translation>
    </message>
    <message>
        <source>{start}  ⚠ uncertain</source>
        <translation>{start}  ⚠ incierta</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Could not change the flag: {error}</source>
        <translation>No se pudo cambiar la marca: {error}</translation>
    </message>
</context>
<context>
    <name>DatabaseLabel</name>
    <message>
        <source>Demo neighbourhood</source>
        <translation>Demostración</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>Base de datos: {path}</translation>
    </message>
</context>
<context>
    <name>DbService</name>
    <message>
        <source>the database did not answer in time</source>
        <translation>la base de datos no respondió a tiempo</translation>
    </message>
</context>
<context>
    <name>EvidenceIndicator</name>
    <message>
        <source>Evidence store: {used} (no limit)</source>
        <translation>Pruebas: {used} (sin límite)</translation>
    </message>
    <message>
        <source>Evidence store: {used} of {limit}</source>
        <translation>Pruebas: {used} de {limit}</translation>
    </message>
    <message>
        <source>{usage} ⚠ full</source>
        <translation>{usage} ⚠ lleno</translation>
    </message>
    <message>
        <source>{usage} ⚠ nearly full</source>
        <translation>{usage} ⚠ casi lleno</translation>
    </message>
    <message>
        <source>Copies of the clips requests ask for, kept until each request is settled. Each counts at its full size, linked or copied: once the recorder deletes its file, the held one is the only copy.</source>
        <translation>Copias de los clips que piden las solicitudes, conservadas hasta que cada solicitud se resuelve. Cada una cuenta con su tamaño completo, enlazada o copiada: cuando la grabadora borra su archivo, la conservada es la única copia.</translation>
    </message>
    <message>
        <source>The limit is reached: Doorstep asks you before holding more.</source>
        <translation>Se alcanzó el límite: Doorstep le preguntará antes de conservar más.</translation>
    </message>
    <message>
        <source>{percent} of the limit is in use.</source>
        <translation>Está en uso el {percent} del límite.</translation>
    </message>
    <message>
        <source>Evidence store: …</source>
        <translation>Pruebas: …</translation>
    </message>
    <message>
        <source>Evidence store usage</source>
        <translation>Uso del almacén de pruebas</translation>
    </message>
    <message>
        <source>Limit…</source>
        <translation>Límite…</translation>
    </message>
    <message>
        <source>Set the evidence store&apos;s size limit</source>
        <translation>Fijar el límite de tamaño del almacén de pruebas</translation>
    </message>
    <message>
        <source>The most disk space held copies of clips may take</source>
        <translation>El espacio máximo en disco que pueden ocupar las copias conservadas de los clips</translation>
    </message>
</context>
<context>
    <name>FeedPoller</name>
    <message>
        <source>reading what the feed is checked against failed: {error}</source>
        <translation>falló la lectura de los datos con que se comprueba la fuente: {error}</translation>
    </message>
    <message>
        <source>storing the feed failed: {error}</source>
        <translation>falló el guardado de la fuente: {error}</translation>
    </message>
    <message>
        <source>the feed could not be read</source>
        <translation>no se pudo leer la fuente</translation>
    </message>
</context>
<context>
    <name>FetchTask</name>
    <message>
        <source>poll {url}</source>
        <translation>consultar {url}</translation>
    </message>
</context>
<context>
    <name>FrameLoader</name>
    <message>
        <source>no picture</source>
        <translation>sin imagen</translation>
    </message>
</context>
<context>
    <name>HoldController</name>
    <message>
        <source>case {case} ({incident})</source>
        <translation>caso {case} ({incident})</translation>
    </message>
    <message>
        <source>case {case}</source>
        <translation>caso {case}</translation>
    </message>
    <message>
        <source>the {incident} request</source>
        <translation>la solicitud por {incident}</translation>
    </message>
    <message>
        <source>a request</source>
        <translation>una solicitud</translation>
    </message>
    <message>
        <source>Stopped holding: {error}</source>
        <translation>Se detuvo la conservación: {error}</translation>
    </message>
    <message>
        <source>holding the requests&apos; clips</source>
        <translation>conservando los clips de las solicitudes</translation>
    </message>
    <message>
        <source>The clips could not be held: {error}</source>
        <translation>No se pudieron conservar los clips: {error}</translation>
    </message>
    <message>
        <source>The clip could not be held: {error}</source>
        <translation>No se pudo conservar el clip: {error}</translation>
    </message>
    <message>
        <source>holding a clip</source>
        <translation>conservando un clip</translation>
    </message>
    <message>
        <source>Stopped holding the clip: {error}</source>
        <translation>Se detuvo la conservación del clip: {error}</translation>
    </message>
    <message>
        <source>The hold could not be released: {error}</source>
        <translation>No se pudo dejar de conservar: {error}</translation>
    </message>
    <message>
        <source>Stopped reading the store: {error}</source>
        <translation>Se detuvo la lectura del almacén: {error}</translation>
    </message>
    <message>
        <source>The limit could not be saved: {error}</source>
        <translation>No se pudo guardar el límite: {error}</translation>
    </message>
</context>
<context>
    <name>HoldCounts</name>
    <message numerus="yes">
        <source>%n requests</source>
        <translation>
            <numerusform>%n solicitud</numerusform>
            <numerusform>%n solicitudes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HoldTask</name>
    <message numerus="yes">
        <source>{done} of {total} clips</source>
        <translation>
            <numerusform>{done} de {total} clip</numerusform>
            <numerusform>{done} de {total} clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HoldWords</name>
    <message>
        <source>{state}. {detail}</source>
        <translation>{state}. {detail}</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>un momento desconocido</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 solicitud</translation>
    </message>
    <message>
        <source>you</source>
        <comment>who holds a clip: the resident</comment>
        <translation>usted</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
    <message>
        <source>The file at the clip&apos;s place is no longer the one imported (its SHA-256 differs): it is never used in its place.</source>
        <translation>El archivo en el lugar del clip ya no es el que se importó (su SHA-256 es distinto): nunca se usa en su lugar.</translation>
    </message>
    <message>
        <source>Doorstep&apos;s held copy is used (held for {holders}).</source>
        <translation>Se usa la copia conservada por Doorstep (conservada para {holders}).</translation>
    </message>
    <message>
        <source>Changed</source>
        <comment>a clip&apos;s file differs from the one imported</comment>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Held</source>
        <comment>a clip&apos;s copy is in the evidence store</comment>
        <translation>Conservado</translation>
    </message>
    <message>
        <source>Held · source gone</source>
        <translation>Conservado · origen desaparecido</translation>
    </message>
    <message>
        <source>The recorder&apos;s file is gone (last seen {seen}); Doorstep&apos;s held copy is kept for {holders}.</source>
        <translation>El archivo de la grabadora ya no está (visto por última vez: {seen}); la copia de Doorstep se conserva para {holders}.</translation>
    </message>
    <message>
        <source>Lost</source>
        <comment>a clip&apos;s file is gone</comment>
        <translation>Perdido</translation>
    </message>
    <message>
        <source>Lost since {seen}</source>
        <translation>Perdido desde {seen}</translation>
    </message>
    <message>
        <source>The file is gone and no copy was held.</source>
        <translation>El archivo ya no está y no se conservó ninguna copia.</translation>
    </message>
    <message>
        <source>A verified copy is held for {holders}.</source>
        <translation>Se conserva una copia verificada para {holders}.</translation>
    </message>
    <message>
        <source>Not held</source>
        <translation>No conservado</translation>
    </message>
    <message>
        <source>The recorder&apos;s file is the only copy.</source>
        <translation>El archivo de la grabadora es la única copia.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>the database could not be read or written: {error}</source>
        <translation>no se pudo leer ni escribir la base de datos: {error}</translation>
    </message>
    <message>
        <source>the database could not be written: {error}</source>
        <translation>no se pudo escribir en la base de datos: {error}</translation>
    </message>
    <message>
        <source>the folder could not be read: {error}</source>
        <translation>no se pudo leer la carpeta: {error}</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>Import stopped</source>
        <translation>Importación detenida</translation>
    </message>
    <message>
        <source>The clips stored before it stopped are in the library; nothing of the rest was written. Import the folder again to go on: clips already stored are recognised by their hashes.</source>
        <translation>Los clips guardados antes de que se detuviera están en la biblioteca; no se escribió nada del resto. Importe la carpeta de nuevo para continuar: los clips ya guardados se reconocen por sus hashes.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importación terminada</translation>
    </message>
    <message>
        <source>Skipped files were not added; nothing about them is stored.</source>
        <translation>Los archivos omitidos no se agregaron; no se guarda nada sobre ellos.</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>Omitidos:</translation>
    </message>
    <message>
        <source>… and {count} more (Show Details…)</source>
        <translation>… y {count} más (Mostrar detalles…)</translation>
    </message>
</context>
<context>
    <name>ImportTask</name>
    <message>
        <source>importing {folder} for {camera}</source>
        <translation>importando {folder} para {camera}</translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} files</source>
        <translation>
            <numerusform>{done} de {total} archivo</numerusform>
            <numerusform>{done} de {total} archivos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyringJobs</name>
    <message>
        <source>Without a desktop session (a server, SSH), open Doorstep from a shell started with &lt;code&gt;dbus-run-session&lt;/code&gt; in which &lt;code&gt;gnome-keyring-daemon --unlock&lt;/code&gt; was given your keyring password; the README shows the three lines.</source>
        <translation>Sin una sesión de escritorio (un servidor, SSH), abra Doorstep desde un shell iniciado con &lt;code&gt;dbus-run-session&lt;/code&gt; en el que se haya dado a &lt;code&gt;gnome-keyring-daemon --unlock&lt;/code&gt; la contraseña de su llavero; el README muestra las tres líneas.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No tokens or signing key without a keyring.&lt;/b&gt; {problem}.{headless} Everything else in Doorstep works without it.</source>
        <translation>&lt;b&gt;Sin llavero no hay tokens ni clave de firma.&lt;/b&gt; {problem}.{headless} Todo lo demás en Doorstep funciona sin él.</translation>
    </message>
    <message>
        <source>checking the keyring</source>
        <translation>comprobando el llavero</translation>
    </message>
    <message>
        <source>open Doorstep again</source>
        <translation>abra Doorstep de nuevo</translation>
    </message>
    <message>
        <source>taking a keyring change back</source>
        <translation>deshaciendo un cambio en el llavero</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Doorstep — Demo neighbourhood</source>
        <translation>Doorstep — Vecindario de demostración</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Storing requests from {url}: {done} of {total}</source>
        <translation>Guardando solicitudes de {url}: {done} de {total}</translation>
    </message>
    <message>
        <source>You are looking at the demo neighbourhood: made-up cameras and clips, kept in a database of their own, apart from your data.</source>
        <translation>Está viendo el vecindario de demostración: cámaras y clips inventados, guardados en una base de datos propia, aparte de sus datos.</translation>
    </message>
    <message>
        <source>Back to my data</source>
        <translation>Volver a mis datos</translation>
    </message>
    <message>
        <source>{camera}: start times of 1 clip recalculated for the camera&apos;s new time zone or clock offset.</source>
        <translation>{camera}: se recalculó la hora de inicio de 1 clip según la nueva zona horaria o el desfase del reloj de la cámara.</translation>
    </message>
    <message numerus="yes">
        <source>{camera}: start times of {count} clips recalculated for the camera&apos;s new time zone or clock offset.</source>
        <translation>
            <numerusform>{camera}: se recalculó la hora de inicio de {count} clip según la nueva zona horaria o el desfase del reloj de la cámara.</numerusform>
            <numerusform>{camera}: se recalcularon las horas de inicio de {count} clips según la nueva zona horaria o el desfase del reloj de la cámara.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not imported: {error}</source>
        <translation>No se importó: {error}</translation>
    </message>
    <message>
        <source>{url}: 1 request in the feed was refused ({reason})</source>
        <translation>{url}: se rechazó 1 solicitud de la fuente ({reason})</translation>
    </message>
    <message numerus="yes">
        <source>{url}: %n requests in the feed were refused (first: {reason})</source>
        <translation>
            <numerusform>{url}: se rechazó %n solicitud de la fuente ({reason})</numerusform>
            <numerusform>{url}: se rechazaron %n solicitudes de la fuente (la primera: {reason})</numerusform>
        </translation>
    </message>
    <message>
        <source>Feed not read: {message}</source>
        <translation>No se leyó la fuente: {message}</translation>
    </message>
    <message>
        <source>Rules saved; 1 request checked again.</source>
        <translation>Reglas guardadas; se volvió a comprobar 1 solicitud.</translation>
    </message>
    <message numerus="yes">
        <source>Rules saved; %n requests checked again.</source>
        <translation>
            <numerusform>Reglas guardadas; se volvió a comprobar %n solicitud.</numerusform>
            <numerusform>Reglas guardadas; se volvieron a comprobar %n solicitudes.</numerusform>
        </translation>
    </message>
    <message>
        <source>About Doorstep</source>
        <translation>Acerca de Doorstep</translation>
    </message>
    <message>
        <source>Doorstep keeps your camera clips on this computer and lets you answer agency requests for footage clip by clip. A refusal sends nothing anywhere.</source>
        <translation>Doorstep guarda los clips de sus cámaras en esta computadora y le permite responder clip por clip a las solicitudes de grabaciones de las agencias. Un rechazo no envía nada a ninguna parte.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Cameras</source>
        <translation>&amp;Cámaras</translation>
    </message>
    <message>
        <source>C&amp;lips</source>
        <translation>C&amp;lips</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Requests</source>
        <translation>&amp;Solicitudes</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
</context>
<context>
    <name>PairPlayer</name>
    <message>
        <source>no picture</source>
        <translation>sin imagen</translation>
    </message>
</context>
<context>
    <name>RedactionJobs</name>
    <message>
        <source>clip {clip} is not an approved clip of this request</source>
        <translation>el clip {clip} no es un clip aprobado de esta solicitud</translation>
    </message>
    <message>
        <source>looking for faces</source>
        <translation>buscando caras</translation>
    </message>
    <message>
        <source>following the box</source>
        <translation>siguiendo el recuadro</translation>
    </message>
    <message>
        <source>re-encoding the excerpt</source>
        <translation>recodificando el extracto</translation>
    </message>
</context>
<context>
    <name>RequestAnnouncer</name>
    <message>
        <source>New request for footage</source>
        <translation>Nueva solicitud de grabaciones</translation>
    </message>
    <message numerus="yes">
        <source>%n new requests for footage</source>
        <translation>
            <numerusform>%n nueva solicitud de grabaciones</numerusform>
            <numerusform>%n nuevas solicitudes de grabaciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Doorstep to see what is asked and how it fares against your rules.</source>
        <translation>Abra Doorstep para ver qué se pide y cómo se compara con sus reglas.</translation>
    </message>
</context>
<context>
    <name>RequestFileImport</name>
    <message>
        <source>Import a request document</source>
        <translation>Importar un documento de solicitud</translation>
    </message>
    <message>
        <source>Request documents (*.json)</source>
        <translation>Documentos de solicitud (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Solicitud rechazada</translation>
    </message>
    <message>
        <source>{names} could not be imported. Nothing of it was stored.</source>
        <translation>No se pudo importar {names}. No se guardó nada de él.</translation>
    </message>
    <message numerus="yes">
        <source>{names} could not be imported. Nothing of them was stored.</source>
        <translation>
            <numerusform>No se pudo importar {names}. No se guardó nada de él.</numerusform>
            <numerusform>No se pudieron importar {names}. No se guardó nada de ellos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
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
        <source>Incident</source>
        <translation>Incidente</translation>
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
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
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
        <source>Open the request to read every rule&apos;s reason.</source>
        <translation>Abra la solicitud para leer el motivo de cada regla.</translation>
    </message>
    <message>
        <source>The agency withdrew this request; the original is kept.</source>
        <translation>La agencia retiró esta solicitud; se conserva la original.</translation>
    </message>
    <message>
        <source>{status} (edited)</source>
        <translation>{status} (editada)</translation>
    </message>
</context>
<context>
    <name>ShareController</name>
    <message>
        <source>a package is being built or sent already</source>
        <translation>ya se está creando o enviando un paquete</translation>
    </message>
    <message>
        <source>removing unfinished packages</source>
        <translation>eliminando paquetes sin terminar</translation>
    </message>
    <message>
        <source>reading your signing key</source>
        <translation>leyendo su clave de firma</translation>
    </message>
    <message>
        <source>building the package</source>
        <translation>creando el paquete</translation>
    </message>
    <message>
        <source>cancelled: nothing was kept or sent</source>
        <translation>cancelado: no se guardó ni se envió nada</translation>
    </message>
    <message>
        <source>Package written to {path}.</source>
        <translation>Paquete escrito en {path}.</translation>
    </message>
    <message>
        <source>delivering the package</source>
        <translation>entregando el paquete</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Doorstep cannot open the database</source>
        <translation>Doorstep no puede abrir la base de datos</translation>
    </message>
    <message>
        <source>building the demo neighbourhood</source>
        <translation>creando el vecindario de demostración</translation>
    </message>
    <message>
        <source>The demo could not be built: {error}</source>
        <translation>No se pudo crear la demostración: {error}</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Progress of the background work</source>
        <translation>Progreso del trabajo en segundo plano</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel the background work</source>
        <translation>Cancelar el trabajo en segundo plano</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>ThumbnailTask</name>
    <message>
        <source>making thumbnails</source>
        <translation>creando miniaturas</translation>
    </message>
    <message numerus="yes">
        <source>{done} of {total} clips</source>
        <translation>
            <numerusform>{done} de {total} clip</numerusform>
            <numerusform>{done} de {total} clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;Import folder…</source>
        <translation>&amp;Importar carpeta…</translation>
    </message>
    <message>
        <source>Import a folder of clips</source>
        <translation>Importar una carpeta de clips</translation>
    </message>
    <message>
        <source>Back to &amp;my data</source>
        <translation>Volver a &amp;mis datos</translation>
    </message>
    <message>
        <source>Open the &amp;demo neighbourhood</source>
        <translation>Abrir el vecindario de &amp;demostración</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Add camera…</source>
        <translation>&amp;Agregar cámara…</translation>
    </message>
    <message>
        <source>&amp;Manage cameras…</source>
        <translation>Ad&amp;ministrar cámaras…</translation>
    </message>
    <message>
        <source>Measure clock &amp;offset…</source>
        <translation>Medir el &amp;desfase del reloj…</translation>
    </message>
    <message>
        <source>Compare a camera&apos;s on-screen clock in a frame with the true time</source>
        <translation>Comparar el reloj que muestra una cámara en un fotograma con la hora real</translation>
    </message>
    <message>
        <source>Privacy &amp;masks…</source>
        <translation>Máscaras de &amp;privacidad…</translation>
    </message>
    <message>
        <source>Draw areas of a camera&apos;s picture that every excerpt of it hides</source>
        <translation>Dibujar zonas de la imagen de una cámara que cada extracto suyo oculta</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>&amp;Play or pause</source>
        <translation>&amp;Reproducir o pausar</translation>
    </message>
    <message>
        <source>Import &amp;request…</source>
        <translation>Importar &amp;solicitud…</translation>
    </message>
    <message>
        <source>Import a request document (JSON) you received as a file</source>
        <translation>Importar un documento de solicitud (JSON) que recibió como archivo</translation>
    </message>
    <message>
        <source>&amp;Check feeds now</source>
        <translation>&amp;Comprobar fuentes ahora</translation>
    </message>
    <message>
        <source>&amp;Feeds…</source>
        <translation>&amp;Fuentes…</translation>
    </message>
    <message>
        <source>Your &amp;rules…</source>
        <translation>Sus re&amp;glas…</translation>
    </message>
    <message>
        <source>&amp;Credentials…</source>
        <translation>Cr&amp;edenciales…</translation>
    </message>
    <message>
        <source>&amp;Agencies and their history…</source>
        <translation>&amp;Agencias y su historial…</translation>
    </message>
    <message>
        <source>&amp;Retention and deletion requests…</source>
        <translation>Conservación y solicitudes de e&amp;liminación…</translation>
    </message>
    <message>
        <source>Show &amp;map</source>
        <translation>Mostrar &amp;mapa</translation>
    </message>
    <message>
        <source>&amp;Base map…</source>
        <translation>Mapa &amp;base…</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Idioma…</translation>
    </message>
    <message>
        <source>Zoom map to &amp;request</source>
        <translation>Acercar el mapa a la &amp;solicitud</translation>
    </message>
    <message>
        <source>Zoom map to my &amp;cameras</source>
        <translation>Acercar el mapa a mis &amp;cámaras</translation>
    </message>
    <message>
        <source>&amp;About Doorstep</source>
        <translation>&amp;Acerca de Doorstep</translation>
    </message>
    <message>
        <source>&amp;Blur faces in what is shared</source>
        <translation>&amp;Difuminar caras en lo que se comparte</translation>
    </message>
    <message>
        <source>For every request unless you untick it there; you review each clip</source>
        <translation>Para cada solicitud, salvo que lo desmarque en ella; usted revisa cada clip</translation>
    </message>
</context>
<context>
    <name>WindowClock</name>
    <message>
        <source>Measure clock offset on this clip…</source>
        <translation>Medir el desfase del reloj en este clip…</translation>
    </message>
    <message>
        <source>Privacy masks of this camera…</source>
        <translation>Máscaras de privacidad de esta cámara…</translation>
    </message>
    <message>
        <source>Measure clock offset</source>
        <translation>Medir el desfase del reloj</translation>
    </message>
    <message>
        <source>Add a camera and import its clips first.</source>
        <translation>Primero agregue una cámara e importe sus clips.</translation>
    </message>
</context>
<context>
    <name>WindowHolds</name>
    <message>
        <source>&amp;Hold this clip</source>
        <translation>&amp;Conservar este clip</translation>
    </message>
    <message>
        <source>Keep a verified copy of the selected clip in Doorstep&apos;s evidence store</source>
        <translation>Guardar una copia verificada del clip seleccionado en el almacén de pruebas de Doorstep</translation>
    </message>
    <message>
        <source>Re&amp;lease hold</source>
        <translation>&amp;Dejar de conservar</translation>
    </message>
    <message>
        <source>Let the selected clip&apos;s held copy go; requests do not hold it again</source>
        <translation>Descartar la copia conservada del clip seleccionado; las solicitudes no volverán a conservarlo</translation>
    </message>
    <message>
        <source>Hold the requests&apos; clips &amp;now</source>
        <translation>Conservar &amp;ya los clips de las solicitudes</translation>
    </message>
    <message>
        <source>Evidence store &amp;limit…</source>
        <translation>&amp;Límite del almacén de pruebas…</translation>
    </message>
    <message>
        <source>1 more clip kept safe</source>
        <translation>1 clip más a salvo</translation>
    </message>
    <message numerus="yes">
        <source>{count} more clips kept safe</source>
        <translation>
            <numerusform>{count} clip más a salvo</numerusform>
            <numerusform>{count} clips más a salvo</numerusform>
        </translation>
    </message>
    <message>
        <source>1 clip whose file is lost or changed</source>
        <translation>1 clip cuyo archivo se perdió o cambió</translation>
    </message>
    <message numerus="yes">
        <source>{count} clips whose file is lost or changed</source>
        <translation>
            <numerusform>{count} clip cuyo archivo se perdió o cambió</numerusform>
            <numerusform>{count} clips cuyo archivo se perdió o cambió</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence store: {parts}</source>
        <translation>Almacén de pruebas: {parts}</translation>
    </message>
    <message>
        <source>1 clip</source>
        <translation>1 clip</translation>
    </message>
    <message numerus="yes">
        <source>{count} clips</source>
        <translation>
            <numerusform>{count} clip</numerusform>
            <numerusform>{count} clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence store full</source>
        <translation>Almacén de pruebas lleno</translation>
    </message>
    <message>
        <source>{clips} a request asks for ({size}) would take the evidence store beyond its limit ({limit}).</source>
        <translation>Conservar {clips} que pide una solicitud ({size}) llevaría el almacén de pruebas más allá de su límite ({limit}).</translation>
    </message>
    <message>
        <source>{clips} a request asks for ({size}) would take the evidence store beyond its limit.</source>
        <translation>Conservar {clips} que pide una solicitud ({size}) llevaría el almacén de pruebas más allá de su límite.</translation>
    </message>
    <message>
        <source>Hold it beyond the limit? If not, it stays where the recorder keeps it and may be deleted by it.</source>
        <translation>¿Conservarlo por encima del límite? Si no, se queda donde lo guarda la grabadora, que puede borrarlo.</translation>
    </message>
    <message numerus="yes">
        <source>Hold them beyond the limit? If not, they stay where the recorder keeps them and may be deleted by it.</source>
        <translation>
            <numerusform>¿Conservarlo por encima del límite? Si no, se queda donde lo guarda la grabadora, que puede borrarlo.</numerusform>
            <numerusform>¿Conservarlos por encima del límite? Si no, se quedan donde los guarda la grabadora, que puede borrarlos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold beyond the limit</source>
        <translation>Conservar por encima del límite</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Not held: {clips} (over the limit)</source>
        <translation>No conservado: {clips} (por encima del límite)</translation>
    </message>
    <message>
        <source>Release hold</source>
        <translation>Dejar de conservar</translation>
    </message>
    <message>
        <source>{file} is held for 1 request not settled yet. Release it anyway?</source>
        <translation>{file} se conserva para 1 solicitud aún sin resolver. ¿Dejar de conservarlo de todos modos?</translation>
    </message>
    <message numerus="yes">
        <source>{file} is held for %n requests not settled yet. Release it anyway?</source>
        <translation>
            <numerusform>{file} se conserva para %n solicitud aún sin resolver. ¿Dejar de conservarlo de todos modos?</numerusform>
            <numerusform>{file} se conserva para %n solicitudes aún sin resolver. ¿Dejar de conservarlo de todos modos?</numerusform>
        </translation>
    </message>
    <message>
        <source>Those requests will not hold it again; the recorder may delete it.</source>
        <translation>Esas solicitudes no volverán a conservarlo; la grabadora puede borrarlo.</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Dejar de conservar</translation>
    </message>
</context>
<context>
    <name>WindowMasks</name>
    <message>
        <source>Privacy masks</source>
        <translation>Máscaras de privacidad</translation>
    </message>
    <message>
        <source>Add a camera and import its clips first.</source>
        <translation>Primero agregue una cámara e importe sus clips.</translation>
    </message>
</context>
<context>
    <name>WindowRecord</name>
    <message>
        <source>Record a request I &amp;received…</source>
        <translation>Registrar una solicitud &amp;recibida…</translation>
    </message>
    <message>
        <source>Write down a request that came by email, text message, an app, a letter or in person</source>
        <translation>Anotar una solicitud que llegó por correo electrónico, mensaje de texto, una aplicación, una carta o en persona</translation>
    </message>
</context>
<context>
    <name>ZoneLabel</name>
    <message>
        <source>Every time in this window is on this computer&apos;s clock. A clip&apos;s tooltip and details also give the camera&apos;s local time when it differs.</source>
        <translation>Todas las horas de esta ventana siguen el reloj de esta computadora. La información emergente y los detalles de un clip también dan la hora local de la cámara cuando es distinta.</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>Horas en {zone}</translation>
    </message>
</context>
</TS>
