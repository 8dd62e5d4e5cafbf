<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Como el sistema (%1)</translation>
    </message>
    <message>
        <source>&amp;Language of Doorstep:</source>
        <translation>&amp;Idioma de Doorstep:</translation>
    </message>
    <message>
        <source>Doorstep shows the new language when you start it again.</source>
        <translation>Doorstep mostrará el nuevo idioma la próxima vez que lo abra.</translation>
    </message>
</context>
</TS>
