------------------------------ MODULE MCBasic ------------------------------
(* The basic world: init (1), a parent P (2) with one thread waiting in     *)
(* wait4(P_ALL), its child C (3) with two lwps: one calls exit, the other   *)
(* is in user mode and must be killed. Thread 1 is the lwp reaper task.    *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "exit" @@ 4 :> "user")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): each is an  *)
(* invariant the clean model must VIOLATE, showing the interesting states  *)
(* are reached.                                                            *)
ChildNeverFreed == pstat[3] # "freed"
ParentNeverReaps == lret[2] # <<"reaped", 3>>
=============================================================================
