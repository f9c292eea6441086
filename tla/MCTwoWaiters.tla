------------------------------ MODULE MCTwoWaiters ------------------------------
(* Two parent threads wait on the same zombie: init (1), parent P (2) with  *)
(* two threads (2, 4) in wait4(P_ALL), child C (3) with one lwp that       *)
(* exits. The PHOLDZOMB zombie lock and PWAITRES must let exactly one of   *)
(* them reap C; the other gets ECHILD or reaps nothing.                    *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 2)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "exit" @@ 4 :> "wait")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): each is an  *)
(* invariant the clean model must VIOLATE, showing the interesting states  *)
(* are reached.                                                            *)
ChildNeverFreed == pstat[3] # "freed"
BothNeverBlockOnZomb == ~(pc[2] = "kern_wait.reap3.stall" /\ pc[4] = "kern_wait.pholdzomb.slept")
=============================================================================
