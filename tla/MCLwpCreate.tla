----------------------------- MODULE MCLwpCreate -----------------------------
(* H21 (candidate in the note): lwp_create racing the master's killlwps.   *)
(* init (1); P (2) waits for C; C (3) has an lwp that exits (3) and one    *)
(* that calls lwp_create (4), creating thread 5. If lwp_fork2 blocks after  *)
(* the siglist copy and before the tree insert, the master kills every lwp *)
(* in the tree and sleeps; the new lwp is then inserted with neither WEXIT *)
(* nor SIGKILL.                                                             *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4, 5}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3 @@ 5 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "exit" @@ 4 :> "lwpcreate" @@ 5 :> "newlwp")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]
=============================================================================
