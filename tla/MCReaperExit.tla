---------------------------- MODULE MCReaperExit ----------------------------
(* H23 (candidate in the note, unconfirmed by any commit): a reaper process *)
(* exiting concurrently with a descendant. init (1) loops in wait; R (2,    *)
(* child of init) owns a reaper node (PROC_REAP_ACQUIRE) and exits; P (3,   *)
(* child of R, whose reaper is R) exits; C (4, child of P) exits. P's       *)
(* exit1 may call reaper_get before R's reaper_exit disowns the node, and  *)
(* move C into R's p_children after R's own children loop has finished.    *)
(* C has no thread here (it stays alive): the violation comes first.      *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3, 4}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "waitall" @@ 3 :> "exit" @@ 4 :> "exit")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 3)
MCReaperOf == (1 :> 1 @@ 2 :> 1 @@ 3 :> 2 @@ 4 :> 2)

=============================================================================
