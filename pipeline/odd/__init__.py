"""The ODD compiler: one TEI ODD in, RELAX NG, Schematron (and its XSLT), XSD and a guidelines page out.

    load.load_odd(path)          -> model.Schema (every spec resolved, unsupported features refused)
    rng.to_rng(schema)           -> RELAX NG, XML syntax
    schematron.to_schematron(s)  -> ISO Schematron
    sch2xslt.compile_schematron  -> XSLT 3.0 that runs the Schematron on saxonche
    xsd.to_xsd(schema)           -> W3C XML Schema
    guidelines.to_html(schema)   -> the encoding guidelines as one HTML page
    compile.compile_odd(...)     -> all of them, written to schema/compiled/
"""
