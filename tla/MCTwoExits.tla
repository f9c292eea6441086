------------------------------ MODULE MCTwoExits ------------------------------
(* Two lwps of one process exit at once: init (1), parent P (2) waiting     *)
(* with one thread, child C (3) whose two lwps (3, 4) both call exit. The  *)
(* P_WEXIT interlock in killalllwps must pick exactly one master; the      *)
(* loser becomes a non-master lwp_exit.                                     *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "exit" @@ 4 :> "exit")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): each is an  *)
(* invariant the clean model must VIOLATE, showing the interesting states  *)
(* are reached.                                                            *)
ChildNeverFreed == pstat[3] # "freed"
FourNeverLoses == pc[4] # "exit1.killalllwps_lost"
=============================================================================
