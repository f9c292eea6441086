------------------------------ MODULE MCReparent ------------------------------
(* Reparenting while the parent exits: init (1) waits in a loop (waitall) *)
(* for its children; P (2) exits while its child C (3) exits too. C is     *)
(* moved to init (its reaper) by P's exit1 children loop, as a live        *)
(* process or as a zombie, and init reaps both.                             *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 1)
MCRole == (1 :> "lwpreaper" @@ 2 :> "exit" @@ 3 :> "exit" @@ 4 :> "waitall")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): each is an  *)
(* invariant the clean model must VIOLATE, showing the interesting states  *)
(* are reached.                                                            *)
ZombieNeverReparented == ~(pstat[3] = "zomb" /\ pptr[3] = 1)
ChildNeverFreed == pstat[3] # "freed"
=============================================================================
