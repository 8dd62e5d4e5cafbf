<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AuditIndicator</name>
        <message numerus="yes">
            <source>{count} entries</source>
            <translation>
                <numerusform>{count} entry</numerusform>
                <numerusform>{count} entries</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{count} entries written since the check (by this window or another program), each chained to the one before; “Check again” checks them all.</source>
            <translation>
                <numerusform>{count} entry written since the check (by this window or another program), chained to the one before; “Check again” checks them all.</numerusform>
                <numerusform>{count} entries written since the check (by this window or another program), each chained to the one before; “Check again” checks them all.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HoldCounts</name>
        <message numerus="yes">
            <source>%n requests</source>
            <translation>
                <numerusform>%n request</numerusform>
                <numerusform>%n requests</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HoldTask</name>
        <message numerus="yes">
            <source>{done} of {total} clips</source>
            <translation>
                <numerusform>{done} of {total} clip</numerusform>
                <numerusform>{done} of {total} clips</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportTask</name>
        <message numerus="yes">
            <source>{done} of {total} files</source>
            <translation>
                <numerusform>{done} of {total} file</numerusform>
                <numerusform>{done} of {total} files</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>{camera}: start times of {count} clips recalculated for the camera's new time zone or clock offset.</source>
            <translation>
                <numerusform>{camera}: start time of {count} clip recalculated for the camera's new time zone or clock offset.</numerusform>
                <numerusform>{camera}: start times of {count} clips recalculated for the camera's new time zone or clock offset.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{url}: %n requests in the feed were refused (first: {reason})</source>
            <translation>
                <numerusform>{url}: %n request in the feed was refused ({reason})</numerusform>
                <numerusform>{url}: %n requests in the feed were refused (first: {reason})</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Rules saved; %n requests checked again.</source>
            <translation>
                <numerusform>Rules saved; %n request checked again.</numerusform>
                <numerusform>Rules saved; %n requests checked again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestAnnouncer</name>
        <message numerus="yes">
            <source>%n new requests for footage</source>
            <translation>
                <numerusform>%n new request for footage</numerusform>
                <numerusform>%n new requests for footage</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestFileImport</name>
        <message numerus="yes">
            <source>{names} could not be imported. Nothing of them was stored.</source>
            <translation>
                <numerusform>{names} could not be imported. Nothing of it was stored.</numerusform>
                <numerusform>{names} could not be imported. Nothing of them was stored.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ThumbnailTask</name>
        <message numerus="yes">
            <source>{done} of {total} clips</source>
            <translation>
                <numerusform>{done} of {total} clip</numerusform>
                <numerusform>{done} of {total} clips</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WindowHolds</name>
        <message numerus="yes">
            <source>{count} more clips kept safe</source>
            <translation>
                <numerusform>{count} more clip kept safe</numerusform>
                <numerusform>{count} more clips kept safe</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{count} clips whose file is lost or changed</source>
            <translation>
                <numerusform>{count} clip whose file is lost or changed</numerusform>
                <numerusform>{count} clips whose file is lost or changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{count} clips</source>
            <translation>
                <numerusform>{count} clip</numerusform>
                <numerusform>{count} clips</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Hold them beyond the limit? If not, they stay where the recorder keeps them and may be deleted by it.</source>
            <translation>
                <numerusform>Hold it beyond the limit? If not, it stays where the recorder keeps it and may be deleted by it.</numerusform>
                <numerusform>Hold them beyond the limit? If not, they stay where the recorder keeps them and may be deleted by it.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{file} is held for %n requests not settled yet. Release it anyway?</source>
            <translation>
                <numerusform>{file} is held for %n request not settled yet. Release it anyway?</numerusform>
                <numerusform>{file} is held for %n requests not settled yet. Release it anyway?</numerusform>
            </translation>
        </message>
    </context>
</TS>
