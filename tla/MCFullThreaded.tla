------------------------------ MODULE MCFullThreaded ------------------------------
(* The largest world (npm run verify -- --all): init (1); reaper R (2,    *)
(* child of init) looping in wait; P (3, child of R) with two            *)
(* threads, one exiting and one waiting; P's child C (4) with two lwps:    *)
(* one exits, one is in user mode. C is reparented to R when P exits       *)
(* first.                                                                   *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3, 4}
MCThreads == {1, 2, 3, 4, 5, 6}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3 @@ 5 :> 4 @@ 6 :> 4)
MCRole == (1 :> "lwpreaper" @@ 2 :> "waitall" @@ 3 :> "exit" @@ 4 :> "wait" @@ 5 :> "exit" @@ 6 :> "user")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 3)
MCReaperOf == (1 :> 1 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 2)

(* Reachability witnesses (anti-vacuity, tla/models.test.ts): each is an  *)
(* invariant the clean model must VIOLATE, showing the interesting states  *)
(* are reached.                                                            *)
ChildNeverFreed == pstat[4] # "freed"
=============================================================================
