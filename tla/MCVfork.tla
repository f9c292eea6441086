------------------------------- MODULE MCVfork -------------------------------
(* H8, vfork: init (1); P (2) vforked C (3): P's thread 2 sleeps in        *)
(* start_forked_proc holding a PHOLD on C until C clears P_PPWAIT; P's      *)
(* thread 3 waits for C. C's lwp (4) exits: exit1 must clear P_PPWAIT and  *)
(* wake P before the zombie move, whose reap1 waits for every hold.        *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 2 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "vforkwait" @@ 3 :> "wait" @@ 4 :> "exit")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses: must be VIOLATED by the clean model. *)
ChildNeverFreed == pstat[3] # "freed"
VforkParentNeverReleased == pc[2] # "syscall.idle"
=============================================================================
