<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AgencyHistoryDialog</name>
    <message>
        <source> since {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{requests} ({edited} edited, {withdrawn} withdrawn){since}; {broke} broke your rules; you answered {answered} and declined {declined}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These figures are worked out on this computer and never leave it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agencies and their requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an agency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests of the agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show these areas on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every area this agency asked about, older ones fainter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{state} · entered by you</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreaEditor</name>
    <message>
        <source>Click the map where the area is (or press Enter for the map&apos;s centre)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map for drawing the request&apos;s area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard, on the map: Enter places the area at the map&apos;s centre; N and P pick the next or previous handle; the arrow keys move the picked handle (Shift: finer), or pan the map when none is picked; Insert adds a corner after the picked one, Delete removes it; Esc lets go of the handle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area shape: circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area shape: polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle radius in metres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place at map centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the area at the map&apos;s centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my cameras on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: no area drawn yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: {size}, as your rules measure it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Place at map centre (or Enter on the map) to put the area there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the centre to move the circle and the edge handle to resize it (or type the radius). Keyboard on the map: N picks a handle, arrows move it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a corner to move it, drag a side&apos;s middle dot to add a corner, double-click a corner to remove it. Keyboard on the map: N picks a corner, arrows move it, Insert adds one after it, Delete removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be measured (does the outline cross itself?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreaHandle</name>
    <message>
        <source>The area&apos;s centre: drag to move the circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to make the circle larger or smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A corner: drag to move it; double-click to remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to add a corner here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only entries from a time on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BaseMapDialog</name>
    <message>
        <source>Base map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenStreetMap (standard tiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another tile server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An offline map file (MBTiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No base map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/map.mbtiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline map file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an offline map file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map images from a tile server are fetched over the internet: the server sees which area you look at (nothing else: no requests, no clips, no decisions). An offline MBTiles file or no base map sends nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This base map cannot be used: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Evidence store limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doorstep keeps a copy of the clips requests ask for until each request is settled. Up to this limit it holds them without asking; beyond it, it asks you first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit the store to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit the evidence store&apos;s size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of the evidence store limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraEditDialog</name>
    <message>
        <source>Edit camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Front porch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick on map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this dialog, click the camera&apos;s place on the map, come back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>° from north</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>° wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field of view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> m away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the camera&apos;s clock is ahead of true time (negative when it is behind).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock is ahead by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s time zone; change it if the camera keeps another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving a new time zone or clock offset recalculates the start times of this camera&apos;s clips already in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a latitude that is a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a longitude that is a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its place (type its latitude and longitude, or Pick on map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time zone its clock keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still needed: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the camera&apos;s place on the map (Esc: back to the dialog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place: type the latitude and longitude, or pick on the map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CamerasDialog</name>
    <message>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy &amp;masks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n clip records</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Retire camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of its clips was decided on for a request and shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of its clips was decided on for a request</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of its clips were decided on for requests, {shared} of them shared</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of its clips were decided on for requests</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“{camera}” will be retired, not deleted: {why}, and Doorstep never deletes the record of what was shared.

A retired camera is hidden from your cameras, the map and imports, and matches no new request. Its {records} and your decisions stay, and the requests that refer to them still show them. The video files on disk are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the camera “{camera}” and its {records} from Doorstep? None of its clips was decided on for a request, so no record of sharing is lost.

The video files on disk are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipDetail</name>
    <message>
        <source>No clip selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the start time is uncertain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File of the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 of the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing this clip will need an extra confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold state of the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold this clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep a verified copy in Doorstep&apos;s evidence store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release the clip&apos;s hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the held copy go (kept while a request holds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time from {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Time uncertain (see Time note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The picture cannot be decoded: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera&apos;s local time: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source last seen {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipsView</name>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln clips</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>A clock in the frame (a phone showing network time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The known time of an event in the frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure clock offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>− 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One second back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One second on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the overlay shows it, e.g. 2026-11-20 14:15:07</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 14:12:54 (the day is the overlay&apos;s), or 2026-11-20 14:12:54</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. phone showing time.is held to the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera&apos;s clock shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True time of this frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The true time is known from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} · {seconds} s · {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{camera} has no clips yet: import some first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding the frame…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{at} s of {length} s · by the file, the camera&apos;s clock showed about {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no frame on show yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type what the camera&apos;s clock shows in this frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type the true time of this frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving sets its clock offset to {offset} s (it is {now} s now) and moves the times of its clips {shift}; the measurement goes into the audit trail and into every package.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its clock offset now: {offset} s ({words})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{now}, measured {when} UTC by: {how}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{now}, entered by hand, never measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its clock is taken to be right (offset 0 s); it was never measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not at all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{span} later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{span} earlier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or replace the feed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the feed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload tokens (one per agency upload service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or replace the upload token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add another service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add another upload service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the upload token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your signing key (signs every package you share)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or rotate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or rotate your signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export your public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept in your system&apos;s keyring (a Secret Service such as gnome-keyring or KWallet on Linux, the Keychain on macOS, Credential Manager on Windows), never on disk by Doorstep. Only whether one is set is shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token unknown (no keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feeds yet (Requests ▸ Feeds…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your signing key cannot be read or made without a keyring, so packages cannot be exported or delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &lt;b&gt;{key}&lt;/b&gt; is in your keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing key yet: one is made when you first share a package, or now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for {what}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for {target} stored in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token for {target} removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload token for {target} stored in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address (https://…):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload token for {target} removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new signing key? Packages you already shared stay verifiable with the public key they carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing key stored in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>making a signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting the public key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionBar</name>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share the selected clips&apos; part in the window (A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not share the selected clips; nothing is sent (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undecided again (P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve all candidate clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all candidate clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered on {when}: decisions are final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing can be shared for this request. {reasons}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailWords</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your cameras are in the area;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips overlap the window.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;⚠ %n clips with an uncertain recording time&lt;/b&gt; (approving needs your confirmation):&lt;/p&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditButtons</name>
    <message>
        <source>Add a &amp;box…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a rectangle on the current picture (drag, or arrows then Enter); it follows what is inside it through the excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Correct here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the selected box again where it should be on this picture; it is followed again from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off from, seconds into the excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off until, seconds into the excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off from the current position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off until the current position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Turn off from … to …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected face or box hides nothing between these times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected face or box hides everything it follows again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for &amp;faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the face detector over the excerpt again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to Doorstep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Add a camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Import a folder of clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or try the demo neighbourhood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Got a request by email, text or letter? Record it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doorstep keeps your security camera clips on this computer and lets you answer agency requests for footage clip by clip, on your terms. Nothing leaves this computer unless you approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Start by adding a camera&lt;/b&gt;: its name and where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You have %n cameras. &lt;b&gt;Next, import the folder its clips are saved in.&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedsDialog</name>
    <message>
        <source>Agency feeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional; kept in your system keyring, never on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected feed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check all now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check all feeds now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doorstep reads these feeds in the background. Reading a feed tells the agency nothing about your answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs your system keyring (see below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing a feed needs your system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} A feed that needs no token can still be added; removing a feed needs the keyring too, to remove its token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feeds yet: add the URL your agency gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing the feed&apos;s token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a feed to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed removed (its token too).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing the feed&apos;s token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not removed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameView</name>
    <message>
        <source>Choose a clip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Upload it to the agency&apos;s portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it on a USB drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand it over in person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I uploaded it: record the hand-over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I handed the drive over: record it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I handed it over: record it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the request&apos;s package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the agency the package as exported (a folder or zip on any medium they accept), then record when and to whom below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a name, a badge number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a reference number, where it happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Then record the hand-over&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s retention period is counted from this date, and your decisions become final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{portal} takes at most %n files of {size} each, {total} in all. Doorstep writes the files to upload into a folder you choose: one zip, or parts that the receiver checks together.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Prepare the upload files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder of the upload files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt it (an AES-256 zip; the password is shown once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone who finds a lost drive cannot open the footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to a folder or drive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No package is built for this request yet: export it first (Export package…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This package was {how} on {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package &lt;tt&gt;{name}&lt;/tt&gt;, built {when} UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request names no portal link: use the link the agency sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the upload files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing the upload files</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Upload these %n files from &lt;tt&gt;{folder}&lt;/tt&gt;:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Folder or drive to write the package to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to &lt;tt&gt;{path}&lt;/tt&gt; (not encrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted zip written to &lt;tt&gt;{path}&lt;/tt&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded: the package was {how}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HiddenList</name>
    <message>
        <source>Face {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawn box {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off {spans}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turned off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A camera&apos;s privacy mask is hidden in every excerpt of the camera; change it with the camera&apos;s masks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Detect: each file by the layout it follows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each file is read by the layout it follows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every file is read as {profile}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder of clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder your camera or recorder saves clips in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the clips&apos; folders and file names give their recording time. Your choice is kept for this camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch this folder and import new clips as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder to see how its clips will be timed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first files and their times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts (camera&apos;s time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Naming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subfolders are included. Files that are not readable videos are listed and skipped; the originals are never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder not found: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at the first files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder could not be looked at: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No video files in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{detected} {how}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time uncertain: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ {n} of these %n would be flagged: their time is uncertain (hover for why). A request&apos;s candidates show them with a warning, and approving one asks you first. Another naming choice may help.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the camera these clips come from (add one first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobStrip</name>
    <message>
        <source>under a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the work in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the work in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop it: nothing of it is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not finish {work}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{work}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{work}: {percent} %, about {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{work}: {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapItems</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{camera} (drag to move it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to turn the camera and set its range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to widen or narrow the field of view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Map of your cameras and the request areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole area of the selected request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to my cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a camera to move it; drag the white handles to turn it or widen its view. Right-click to add a camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to give the camera a direction and the distance it sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to set how wide the camera sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agency}: {incident} ({case})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when}: {request} version {version} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing %n areas of one agency over time</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{count} request areas here: zoom in or filter the list to see them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a camera here ({lat}, {lon})…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>{n} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No base map: showing cameras and areas only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your camera and its view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskDialog</name>
    <message>
        <source>Privacy masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy masks of this camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Masks of this camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen mask: excerpts made from now on show it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what it hides, e.g. Neighbour&apos;s window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{name} · %n corners</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{camera} has no clips yet: import some to draw on a frame of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frame of its newest clip, {name} ({width}×{height})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding the frame…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frame to draw on: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frame on show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This polygon of %n corners cannot be a mask (below): Backspace reopens it to take back corners, Esc drops it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A polygon of %n corners: name it and choose Add mask (Backspace reopens it, Esc drops it).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Click the corners of an area to hide, one after another; double-click or press Enter to close it. (Keyboard: arrow keys move the cross, Space places a corner.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n corners placed: a mask needs at least three.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n corners placed: double-click or press Enter to close the polygon; Backspace takes back the last corner, Esc drops it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Added the mask “{name}”: every excerpt of this camera hides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove privacy mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the mask “{mask}” of {camera}? Excerpts made from now on show what it hid; packages already made are not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the mask “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaskView</name>
    <message>
        <source>Reading the camera&apos;s clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame of the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the corners of an area to hide; double-click or Enter closes it. Arrow keys move a cross, Space places a corner, Backspace takes one back, Escape drops the polygon.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageFill</name>
    <message>
        <source>time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>investigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>portal link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how it came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in: {fields}. Each is marked on the form: check it against the message (hover over a field to see the words it came from).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in the message was recognised: fill in the form yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other numbers in the message: {numbers}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Check the time zone.&lt;/b&gt; {notes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Assumed&lt;/b&gt;: the message names no time zone. Times are shown in {zone}; if the sender meant another zone, choose it and set the times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s zone, as the message names it: {zone}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message gives UTC offsets; the times are shown in {zone}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No street address found: draw the area where the message says.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Password of the encrypted zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encrypted zip is written to:&lt;br&gt;&lt;tt&gt;{where}&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Write this password down or copy it now.&lt;/b&gt; Doorstep does not keep it: once you close this window it cannot be shown again, and without it nobody can open the zip, not even you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the password to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it to the receiver separately from the drive: read it out, or send it by another way than the drive travels. It opens with 7-Zip, WinZip or Keka (AES-256); some built-in unzip tools cannot open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have kept the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. Paste it somewhere safe before you copy anything else.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PastePanel</name>
    <message>
        <source>&lt;b&gt;Paste the message&lt;/b&gt; (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the email, text message or letter: Doorstep fills in what it recognises for you to check. Nothing is saved until you press Record request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message you received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the message here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the form from the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses in the message: find them on the map and draw the area there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses found in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is longer than {count} characters: paste only the request itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerControls</name>
    <message>
        <source>◀ Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame back (comma)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause both pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause both pictures together (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One frame on (full stop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position and length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>Select a clip to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Play to preview this clip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot play this clip: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordRequestDialog</name>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respond by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write down the request as the agency sent it. Fields marked * are needed; then draw the area it asks about on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Area *&lt;/b&gt;: the area the agency asks about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area: draw the area the agency asks about on the map (click the map).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be recorded: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedactionBar</name>
    <message>
        <source>Blur faces in what is shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces are found and pixelated, with the cameras&apos; privacy masks; each approved excerpt is re-encoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which approved clips are reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review redaction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See the approved clip beside its redacted copy, adjust what is hidden, accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Before sharing: what is hidden&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces are shared as recorded; your cameras&apos; privacy masks still apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each approved clip is reviewed, faces blurred, before it is shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ {name}: reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• {name}: &lt;b&gt;not reviewed yet&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#555&apos;&gt;Blurring re-encodes each excerpt; the review says how long it takes.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review redaction of {name}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedactionFlow</name>
    <message>
        <source>Review what is hidden first</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n approved clips have not been reviewed: {names}. Nothing is shared until you have seen each one with its faces blurred and accepted it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Or untick “Blur faces…” for this request to share faces as recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review redaction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share without hiding faces?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces in the approved clips of this request would be shared as recorded, without your review. Your cameras&apos; privacy masks still apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package&apos;s manifest says what was hidden; no face search is listed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedactionReview</name>
    <message>
        <source>pixelated (large blocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filled solid black</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review what is hidden before sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the excerpt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding and how long it takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original excerpt, what is hidden outlined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redacted preview, as it will be shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redacted preview is made once the excerpt is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How hidden parts look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces are looked for once the excerpt is read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the face search found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encode the preview with your changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept what is hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store this plan: the excerpt is shared as the preview shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without keeping anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt; (outlined: what is hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Redacted&lt;/b&gt;, as it will be shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hidden parts are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the excerpt: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{camera}&lt;/b&gt;, {file}: the part shared runs from {start} to {end} of the clip ({length} long). Check what is hidden, adjust, then accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n faces in the plan stored for this clip.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>You accepted this on {when}; changes need accepting again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces were not looked for: “Look for faces” runs the detector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This excerpt cannot be reviewed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview shows what will be shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview yet: it is made after the excerpt is analysed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview does not show your latest changes yet: update it to see them before you accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle around what to hide on the left-hand picture, or move the red one with the arrow keys (Shift + arrows: its size) and press Enter. Escape gives up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following the box was stopped: nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The box lost what it followed at {where}: go there and use “Correct here…”. Update the preview to see it hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The box follows what you drew. Update the preview to see it hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>following the box through the excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for faces was stopped: no face is hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faces cannot be looked for: {reason}. No face is hidden; you can still draw boxes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n faces found and followed in {time}: check each is hidden where it shows.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No face found (looked for in {time}): play the excerpt to be sure, and draw a box over anything to hide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looking for faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encoding was stopped: the preview is not up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-encoding the excerpt with what is hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stored: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redaction re-encodes the excerpt: what is shared is a new encoding of the camera&apos;s pictures with the hidden parts pixelated, not the camera&apos;s own file (the package still names the original&apos;s hash).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how long it takes here is measured while the first preview is made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} at the speed measured here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {time} at the speed measured here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is hidden in this excerpt as it stands: it is shared as recorded, not re-encoded. Anything you hide makes it a re-encoded copy, {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reencodes} Here it took {took} for {length} of video ({speed}× real time); the export re-encodes it again, {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reencodes} For this excerpt: {time}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDetailPanel</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request for footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · case {case} · &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{how}: the agency did not send it through Doorstep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes it on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none to check (entered by you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency&apos;s portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced by a later version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn by the agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}, received {when}: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of your cameras is in this area: &lt;b&gt;nothing to do&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is shared unless you approve it, clip by clip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see what it asks for and how it fares against your rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more clips first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n clips approved.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips declined (nothing is sent).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clips back to pending.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the package to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building and delivering the package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not shared: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clip {id} ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a clip whose time is uncertain?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording time of {clips} may be wrong: the footage may not be from the request&apos;s window. Share it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share a sensitive clip?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You flagged {clips}. Share it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the part inside the request&apos;s window is shared, without sound unless you choose otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shows children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>Not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prosecutors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other agencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An app (Ring/Neighbors…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filled from the message – check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Seattle Police Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as the agency wrote it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator&apos;s email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator&apos;s phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. vehicle break-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agency says it is looking for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage wanted from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage wanted until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone of the times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respond by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request states a respond-by date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the agency keeps the footage, in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who else the agency may share the footage with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://… (where to upload, if the agency gave one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the request reached you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage from *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled from the message: “{words}” – check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone: “{name}” is not a time zone name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agency: say which agency sent the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage until: the end must come after the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footage until: the window is longer than a year.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsView</name>
    <message>
        <source>All requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (new or needing a decision)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No footage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search agency, case number, incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;No requests yet&lt;/h3&gt;&lt;p&gt;Requests for footage arrive from agency feeds (Requests ▸ Feeds…) or as files: use Requests ▸ Import request… or drop a request file (.json) on this window.&lt;/p&gt;&lt;p&gt;Got one by email, text message, an app or a letter? Record it yourself:&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a request I received…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a request I received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln requests</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln open&lt;/b&gt; · {requests}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>retention period ended on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agency} — case number: {case} — {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agencies that stated how long they keep footage: once that period has ended, you can ask them to delete every copy. Nothing is sent from here: copy the letter into an email, or save it as a PDF and send it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries with a retention period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No footage you delivered came with a stated retention period, so there is nothing to follow up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, to sign the letter (optional; not stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deletion request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your deliveries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delivered on {when}, {how}; %n days stated</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{due} of %n deliveries are past their retention period.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read your deliveries: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letter is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the deletion request as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving the deletion request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the letter as {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the PDF: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Your rules for requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case number is required (otherwise: warning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An investigator contact is required (otherwise: warning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> sq mi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline requests that a rule blocks automatically (locally: nothing is sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also match cameras outside the area whose view reaches into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks (nothing can be shared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest footage, counted from the request&apos;s issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired requests and bad signatures always block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest retention you accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsigned requests, unknown keys, retention or third-party sharing not stated, and unrestricted sharing always warn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds kept before and after the window in each excerpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin around the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver accepts at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files, each at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and in all at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareBar</name>
    <message>
        <source>Keep the sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound is removed unless you keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the time (UTC) as subtitles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn the time (UTC) into the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws the time on every frame; the excerpts are re-encoded (a working copy, not the camera&apos;s own pictures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add content credentials (C2PA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each excerpt carries a C2PA record of how it was made from the original (trimmed, sound removed, redacted), signed with your key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as one .zip file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your statement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words of your own, signed with the package and printed in its exhibit summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the approved parts, signed, to a folder or zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver to the agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the package to the agency through its portal, on a USB drive or in person, and record it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Share what you approved&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your statement: %n words</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit your statement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload to the address the request names, with your token from the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request asks for hand delivery: export the package instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered on {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve clips first: only approved parts are shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n approved clips: only the part inside the window goes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A package is built: Hand over… when you give it to the agency.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Your statement (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words of your own to go with the footage, for example what you saw or heard. They are signed with the package and printed in its exhibit summary. Leave it empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Coordinate</name>
    <message>
        <source>e.g. {example}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n requests</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
