"""The staff pages of "double random, one public", a module per concept: `plans` (sampling
plans, their strata, contributors, publication and the draw), `tasks` (tasks, results and the
publicity page), `registry` (the item list, the entity registry, conflicts of interest),
`people` (the roster of inspectors as the draw sees it, and the expert pool), `imports` (the
entity registry's .xlsx import with its progress) and `exports` (a plan for the enforcement
supervision platform)."""
