"""The ODD compiler: one TEI ODD customisation in, RELAX NG, Schematron (and its XSLT), XSD and a guidelines page out.

    teisource.load_tei()         -> the TEI's definitions (tei_all.rng, fetched at set-up, never committed), with its
                                    own Schematron constraints (kept for what the schema keeps; tei_schematron(): all)
    teisource.load_modules()     -> which module each element belongs to (the TEI's p5subset.xml, when one is given)
    load.load_odd(path)          -> model.Schema (the customisation resolved against TEI; what cannot be translated refused)
    rng.to_rng(schema)           -> RELAX NG, XML syntax
    schematron.to_schematron(s)  -> ISO Schematron
    sch2xslt.compile_schematron  -> XSLT 3.0 that runs the Schematron on saxonche
    xsd.to_xsd(schema)           -> W3C XML Schema
    guidelines.to_html(schema)   -> the encoding guidelines as one HTML page
    compile.compile_odd(...)     -> all of them, written to schema/compiled/
    explain.Grammar              -> the compiled RELAX NG read for messages (pipeline validate)
    generate.Generator           -> seeded random documents from a compiled grammar (conformance tests)
"""
