"""The LKjIP as a document: context builder, analysis sentences, charts, templates, renderer."""
