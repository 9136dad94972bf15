"""Case documents (issue "Decision documents"): decisions, notices and receipts filled from versioned .docx templates
with the legal bases of their kind, ground and date.

* pure law code in ``thads.domain``: ``words`` (amounts in Vietnamese words, official style), ``legal_bases`` (the
  bases per kind, ground and law in force) and ``legal_texts`` (their wording)
* ``generate``: ``do_generate`` (the only writer), template versions, the template fields · ``pdf``: LibreOffice
* default templates: ``templates_docx/*.docx``, built by ``tools/build_docx_templates.py`` (commit both)
* files are stored under ``MEDIA_ROOT`` (``THADS_MEDIA_DIR``), never in the database

Optional: PDF on demand needs LibreOffice on the server (``apt-get install -y libreoffice-writer-nogui
fonts-liberation2``); without it the documents are served as .docx and the PDF link explains why in Vietnamese.
"""
