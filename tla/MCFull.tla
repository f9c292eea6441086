------------------------------- MODULE MCFull -------------------------------
(* The full cast, kept under 2 minutes (npm run verify): init (1); a       *)
(* reaper R (2, child of init) looping in wait; P (3, child of R) with two  *)
(* threads, one exiting and one waiting; P's child C (4) with one lwp that *)
(* exits. C is reparented to R (its reaper) when P exits first. The same   *)
(* world with a second, user-mode lwp in C is MCFullThreaded.              *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3, 4}
MCThreads == {1, 2, 3, 4, 5}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3 @@ 5 :> 4)
MCRole == (1 :> "lwpreaper" @@ 2 :> "waitall" @@ 3 :> "exit" @@ 4 :> "wait" @@ 5 :> "exit")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 3)
MCReaperOf == (1 :> 1 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 2)

(* Reachability witnesses (anti-vacuity): invariants the clean model must *)
(* VIOLATE.                                                                *)
ChildNeverFreed == pstat[4] # "freed"
NeverAdoptedByReaper == ~(pptr[4] = 2)
=============================================================================
