"""Word documents of the kinerja app: the editable template (pk.docx), its build script, the renderer."""
