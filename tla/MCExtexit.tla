------------------------------ MODULE MCExtexit ------------------------------
(* H22 (candidate in the note): the two last lwps of C (3) both call      *)
(* extexit(EXTEXIT_LWP) while P (2) waits for C. Each checks              *)
(* p_nthreads > 1 under p_token, but lwp_exit can block before it         *)
(* decrements, so both may take the lwp-exit path: p_nthreads reaches 0   *)
(* with no master exit (the "UNDEAD" process the seed comment warns of).  *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "extexit_lwp" @@ 4 :> "extexit_lwp")
MCOpts == [t \in MCThreads |-> {}]
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]
=============================================================================
