"""The HTML report: DataFrames of a ``ReportBundle`` in, one self-contained page out.

``bundle`` holds the data, ``tables`` turns frames into escaped, sortable HTML tables,
``sections`` and ``page`` write the report's parts around the charts of
``nlp.analyze.charts``. ``nlp.reporting`` fills the bundle from the store.
"""
