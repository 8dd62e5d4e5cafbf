<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AuditView</name>
        <message numerus="yes">
            <source>%Ln entries</source>
            <translation>
                <numerusform>%Ln entry</numerusform>
                <numerusform>%Ln entries</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CamerasDialog</name>
        <message numerus="yes">
            <source>%n clip records</source>
            <translation>
                <numerusform>%n clip record</numerusform>
                <numerusform>%n clip records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of its clips were decided on for requests, {shared} of them shared</source>
            <translation>
                <numerusform>%n of its clips was decided on for requests, {shared} of them shared</numerusform>
                <numerusform>%n of its clips were decided on for requests, {shared} of them shared</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of its clips were decided on for requests</source>
            <translation>
                <numerusform>%n of its clips was decided on for requests</numerusform>
                <numerusform>%n of its clips were decided on for requests</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClipsView</name>
        <message numerus="yes">
            <source>%Ln clips</source>
            <translation>
                <numerusform>%Ln clip</numerusform>
                <numerusform>%Ln clips</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailWords</name>
        <message numerus="yes">
            <source>%n days</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of your cameras are in the area;</source>
            <translation>
                <numerusform>%n of your cameras is in the area;</numerusform>
                <numerusform>%n of your cameras are in the area;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n clips overlap the window.</source>
            <translation>
                <numerusform>%n clip overlaps the window.</numerusform>
                <numerusform>%n clips overlap the window.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;p&gt;&lt;b&gt;⚠ %n clips with an uncertain recording time&lt;/b&gt; (approving needs your confirmation):&lt;/p&gt;</source>
            <translation>
                <numerusform>&lt;p&gt;&lt;b&gt;⚠ %n clip with an uncertain recording time&lt;/b&gt; (approving needs your confirmation):&lt;/p&gt;</numerusform>
                <numerusform>&lt;p&gt;&lt;b&gt;⚠ %n clips with an uncertain recording time&lt;/b&gt; (approving needs your confirmation):&lt;/p&gt;</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EmptyState</name>
        <message numerus="yes">
            <source>You have %n cameras. &lt;b&gt;Next, import the folder its clips are saved in.&lt;/b&gt;</source>
            <translation>
                <numerusform>You have %n camera. &lt;b&gt;Next, import the folder its clips are saved in.&lt;/b&gt;</numerusform>
                <numerusform>You have %n cameras. &lt;b&gt;Next, import the folder its clips are saved in.&lt;/b&gt;</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HandoverDialog</name>
        <message numerus="yes">
            <source>{portal} takes at most %n files of {size} each, {total} in all. Doorstep writes the files to upload into a folder you choose: one zip, or parts that the receiver checks together.</source>
            <translation>
                <numerusform>{portal} takes at most %n file of {size} each, {total} in all. Doorstep writes the files to upload into a folder you choose: one zip, or parts that the receiver checks together.</numerusform>
                <numerusform>{portal} takes at most %n files of {size} each, {total} in all. Doorstep writes the files to upload into a folder you choose: one zip, or parts that the receiver checks together.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Upload these %n files from &lt;tt&gt;{folder}&lt;/tt&gt;:</source>
            <translation>
                <numerusform>Upload %n file from &lt;tt&gt;{folder}&lt;/tt&gt;:</numerusform>
                <numerusform>Upload these %n files from &lt;tt&gt;{folder}&lt;/tt&gt;:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message numerus="yes">
            <source>⚠ {n} of these %n would be flagged: their time is uncertain (hover for why). A request's candidates show them with a warning, and approving one asks you first. Another naming choice may help.</source>
            <translation>
                <numerusform>⚠ {n} of this %n would be flagged: its time is uncertain (hover for why). A request's candidates show them with a warning, and approving one asks you first. Another naming choice may help.</numerusform>
                <numerusform>⚠ {n} of these %n would be flagged: their time is uncertain (hover for why). A request's candidates show them with a warning, and approving one asks you first. Another naming choice may help.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MapPanel</name>
        <message numerus="yes">
            <source>Showing %n areas of one agency over time</source>
            <translation>
                <numerusform>Showing %n area of one agency over time</numerusform>
                <numerusform>Showing %n areas of one agency over time</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MaskDialog</name>
        <message numerus="yes">
            <source>{name} · %n corners</source>
            <translation>
                <numerusform>{name} · %n corner</numerusform>
                <numerusform>{name} · %n corners</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>This polygon of %n corners cannot be a mask (below): Backspace reopens it to take back corners, Esc drops it.</source>
            <translation>
                <numerusform>This polygon of %n corner cannot be a mask (below): Backspace reopens it to take back corners, Esc drops it.</numerusform>
                <numerusform>This polygon of %n corners cannot be a mask (below): Backspace reopens it to take back corners, Esc drops it.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>A polygon of %n corners: name it and choose Add mask (Backspace reopens it, Esc drops it).</source>
            <translation>
                <numerusform>A polygon of %n corner: name it and choose Add mask (Backspace reopens it, Esc drops it).</numerusform>
                <numerusform>A polygon of %n corners: name it and choose Add mask (Backspace reopens it, Esc drops it).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n corners placed: a mask needs at least three.</source>
            <translation>
                <numerusform>%n corner placed: a mask needs at least three.</numerusform>
                <numerusform>%n corners placed: a mask needs at least three.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n corners placed: double-click or press Enter to close the polygon; Backspace takes back the last corner, Esc drops it.</source>
            <translation>
                <numerusform>%n corner placed: double-click or press Enter to close the polygon; Backspace takes back the last corner, Esc drops it.</numerusform>
                <numerusform>%n corners placed: double-click or press Enter to close the polygon; Backspace takes back the last corner, Esc drops it.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RedactionBar</name>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RedactionFlow</name>
        <message numerus="yes">
            <source>%n approved clips have not been reviewed: {names}. Nothing is shared until you have seen each one with its faces blurred and accepted it.</source>
            <translation>
                <numerusform>%n approved clip has not been reviewed: {names}. Nothing is shared until you have seen each one with its faces blurred and accepted it.</numerusform>
                <numerusform>%n approved clips have not been reviewed: {names}. Nothing is shared until you have seen each one with its faces blurred and accepted it.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RedactionReview</name>
        <message numerus="yes">
            <source>%n faces in the plan stored for this clip.</source>
            <translation>
                <numerusform>%n face in the plan stored for this clip.</numerusform>
                <numerusform>%n faces in the plan stored for this clip.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n faces found and followed in {time}: check each is hidden where it shows.</source>
            <translation>
                <numerusform>%n face found and followed in {time}: check each is hidden where it shows.</numerusform>
                <numerusform>%n faces found and followed in {time}: check each is hidden where it shows.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestDetailPanel</name>
        <message numerus="yes">
            <source>%n clips approved.</source>
            <translation>
                <numerusform>%n clip approved.</numerusform>
                <numerusform>%n clips approved.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n clips declined (nothing is sent).</source>
            <translation>
                <numerusform>%n clip declined (nothing is sent).</numerusform>
                <numerusform>%n clips declined (nothing is sent).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n clips back to pending.</source>
            <translation>
                <numerusform>%n clip back to pending.</numerusform>
                <numerusform>%n clips back to pending.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestsView</name>
        <message numerus="yes">
            <source>%Ln requests</source>
            <translation>
                <numerusform>%Ln request</numerusform>
                <numerusform>%Ln requests</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%Ln open&lt;/b&gt; · {requests}</source>
            <translation>
                <numerusform>&lt;b&gt;%Ln open&lt;/b&gt; · {requests}</numerusform>
                <numerusform>&lt;b&gt;%Ln open&lt;/b&gt; · {requests}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message numerus="yes">
            <source>Delivered on {when}, {how}; %n days stated</source>
            <translation>
                <numerusform>Delivered on {when}, {how}; %n day stated</numerusform>
                <numerusform>Delivered on {when}, {how}; %n days stated</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{due} of %n deliveries are past their retention period.</source>
            <translation>
                <numerusform>{due} of %n delivery is past its retention period.</numerusform>
                <numerusform>{due} of %n deliveries are past their retention period.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShareBar</name>
        <message numerus="yes">
            <source>Your statement: %n words</source>
            <translation>
                <numerusform>Your statement: %n word</numerusform>
                <numerusform>Your statement: %n words</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n approved clips: only the part inside the window goes.</source>
            <translation>
                <numerusform>%n approved clip: only the part inside the window goes.</numerusform>
                <numerusform>%n approved clips: only the part inside the window goes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_Counted</name>
        <message numerus="yes">
            <source>%n requests</source>
            <translation>
                <numerusform>%n request</numerusform>
                <numerusform>%n requests</numerusform>
            </translation>
        </message>
    </context>
</TS>
