-------------------------- MODULE MCExitWaitSigchld --------------------------
(* The abstract spec with sigaction(SIGCHLD): every process may set SIG_DFL, *)
(* SIG_IGN or SA_NOCLDWAIT; a zombie of a live SIGCHLD-ignoring parent is   *)
(* handed to its adoptive parent (NoCldWaitReparent).                       *)
EXTENDS MCExitWait

(* Reachability witness (must be VIOLATED): the hand-off becomes possible. *)
NeverHandOff == \A c \in Procs : ~NoCldWaitReparentOK(St, c)
=============================================================================
