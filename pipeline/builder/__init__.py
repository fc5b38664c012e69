"""`pipeline build`: the edition built incrementally, in parallel, and published atomically.

(Named `builder`, not `build`: tools and ignore templates treat `build/` as output.)
The modules, in the order a build uses them:

- sources / corpus: which files are transcripts (regular files only, the rule of `pipeline convert`
  too), and which documents make the edition;
- toolchain / steps: the steps (convert, schema, validate, web, print) behind one interface;
- state: what the last published build made, keyed by content hashes;
- planner: pure decisions, which targets are stale and why (records and hashes in, a plan out);
- runner / executors / worker: the tasks, on a process pool (or a Dask cluster);
- publisher / staging / lock: the output directory's lock, leftovers, a private copy of the outputs,
  swapped in at the end with the state and the report;
- progress / report / summary / stats: what the user sees while and after it runs;
- engine: a build's documents while it runs, tying the above together; cli: the click command.
"""
