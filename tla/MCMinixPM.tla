------------------------------ MODULE MCMinixPM ------------------------------
(* The MINIX world: PM (0), INIT (1), the shell (2) and two free slots      *)
(* (3, 4), each forked into at most once (Reuse = FALSE), so the tree, a    *)
(* tracer that is not the parent, NEW_PARENT and both cleanup orders are    *)
(* all reachable.                                                          *)
EXTENDS MinixPM

(* Reachability witnesses (anti-vacuity): each is an invariant the clean    *)
(* model must VIOLATE (properties/minix-tla.test.ts checks that it does).   *)
NeverNewParent == \A s \in Slots : ~F(s, "NEW_PARENT")
NeverTraceZombie == \A s \in Slots : ~F(s, "TRACE_ZOMBIE")
NeverToldBeforeVfs == \A s \in Slots : ~(F(s, "TOLD_PARENT") /\ F(s, "VFS_CALL"))
NeverFreedAfterUse == \A s \in Users : pm.proc[s].used => F(s, "IN_USE")
=============================================================================
