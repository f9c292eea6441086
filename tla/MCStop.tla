------------------------------- MODULE MCStop -------------------------------
(* Stop vs exit (H5): init (1); P (2) waits for C; C (3) has an lwp that    *)
(* exits (3) and one in user mode (4). C receives one SIGSTOP and one       *)
(* SIGCONT at any time (Opts "STOP", "CONT" of thread 4): its user lwp      *)
(* sleeps in tstop; the master's killlwps must get it out (STOPLWP         *)
(* excludes LWP_MP_WEXIT lwps, and killlwps does wakeup(p)).               *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 3 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "exit" @@ 4 :> "user")
MCOpts == (1 :> {} @@ 2 :> {} @@ 3 :> {} @@ 4 :> {"STOP", "CONT"})
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses: must be VIOLATED by the clean model. *)
NeverKilledInTstop == ~(pc[4] = "userret.tstop_sleep" /\ lwpWexit[4] /\ pc[3] = "killlwps.sleep_nthreads")
ChildNeverFreed == pstat[3] # "freed"
=============================================================================
