------------------------------ MODULE MCWnowait ------------------------------
(* WNOWAIT then a reaping wait: init (1); P (2) has one thread calling     *)
(* wait4(WNOWAIT) and one calling wait4(); C (3) exits. The WNOWAIT report *)
(* must leave C reapable (PRELEZOMB clears ZOMB and WAITRES, H19).          *)
EXTENDS DragonflyExit, TLC

MCProcs == {1, 2, 3}
MCThreads == {1, 2, 3, 4}
MCOwner == (1 :> 1 @@ 2 :> 2 @@ 3 :> 2 @@ 4 :> 3)
MCRole == (1 :> "lwpreaper" @@ 2 :> "wait" @@ 3 :> "wait" @@ 4 :> "exit")
MCOpts == (1 :> {} @@ 2 :> {"WNOWAIT"} @@ 3 :> {} @@ 4 :> {})
MCParent0 == (1 :> 0 @@ 2 :> 1 @@ 3 :> 2)
MCReaperOf == [p \in MCProcs |-> 1]

(* Reachability witnesses: must be VIOLATED by the clean model. *)
NeverReportedThenReaped == ~(lret[2] = <<"reported", 3>> /\ lret[3] = <<"reaped", 3>>)
ChildNeverFreed == pstat[3] # "freed"
=============================================================================
