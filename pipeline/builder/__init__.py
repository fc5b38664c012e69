"""`pipeline build`: the edition built incrementally, in parallel, and published atomically.

The modules, in the order a build uses them:

- corpus: which documents make the edition (sources and TEI files);
- toolchain: the steps (convert, schema, validate, web, print) behind one interface;
- state: what the last published build made, keyed by content hashes;
- plan: which targets are stale, and why;
- executors / worker: the process pool (or a Dask cluster) running per-document steps;
- staging / lock: a private copy of the outputs, swapped in at the end, one build at a time;
- progress / report / stats: what the user sees while and after it runs;
- engine: the whole build, in one function; cli: the click command.
"""
