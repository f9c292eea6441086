------------------------- MODULE MCRefinementNoCldWait -------------------------
(* The refinement DragonflyExit => ExitWait on the NoCldWait world: P      *)
(* ignores SIGCHLD (PS_NOCLDWAIT) and exits while its child C exits. C's   *)
(* proc_reparent hands the zombie to init: ExitWait's NoCldWaitReparent    *)
(* while P runs, its Reparent once P is a zombie; init reaps both.         *)
EXTENDS MCNoCldWait, DragonflyRefinement

(* Reachability witness (must be VIOLATED): the hand-off of a zombie by a  *)
(* live SIGCHLD-ignoring parent is reached through the mapping.           *)
NeverHandedOffAlive == ~(AbsPState[3] = "zombie" /\ pptr[3] = 1 /\ AbsPState[2] = "running")
=============================================================================
