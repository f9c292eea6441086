---------------------------- MODULE DragonflyRefinement ----------------------------
(***************************************************************************)
(* Refinement: DragonflyExit implements the abstract ExitWait spec under   *)
(* the mapping below, checked by the MCRefinement*.cfg model configs.     *)
(*                                                                         *)
(* The mapping: a process is "running" while active, a "zombie" from the     *)
(* exit1.move_zombie step (p_stat = SZOMB) until kern_wait.remove_zombie   *)
(* unlinks it from its parent (p_pptr = NULL), "reaped" from then on; the  *)
(* abstract reaping report is that unlink (reapCount). exit1.move_child is *)
(* the abstract Reparent step. Stops (the MCStop worlds): an active process *)
(* p_stat = SSTOP (pstopped) is "stopped"; P_CONTINUED (set by proc_unstop, *)
(* never consumed: no modelled wait passes WCONTINUED) is contSent while   *)
(* the process is active, cleared by the exit as ExitWait's Exit does;     *)
(* P_WAITED stays FALSE (no modelled wait passes WUNTRACED).               *)
(***************************************************************************)
EXTENDS DragonflyExit


AbsPState == [p \in Procs |->
                IF pstat[p] = "active" THEN (IF pstopped[p] THEN "stopped" ELSE "running")
                ELSE IF pptr[p] # NoProc THEN "zombie" ELSE "reaped"]
AbsXstat == [p \in Procs |-> IF pstat[p] = "active" THEN -1 ELSE 0]
NoFlags == [p \in Procs |-> FALSE]
AbsContinued == [p \in Procs |-> pstat[p] = "active" /\ contSent[p]]
IsReaper0 == [p \in Procs |-> p = InitProc]
(* PS_NOCLDWAIT (Opts "NOCLDWAIT") is SA_NOCLDWAIT, fixed for the run.    *)
AbsSigchld == [p \in Procs |-> IF p \in NoCldWait THEN "nocldwait" ELSE "default"]

EW == INSTANCE ExitWait WITH
        Procs <- Procs, InitProc <- InitProc, Live0 <- Procs, Parent0 <- Parent0,
        Reaper0 <- ReaperOf, Sigchld0 <- AbsSigchld, SigchldSettable <- {},
        Status <- {0}, NoProc <- NoProc, sigchld <- AbsSigchld,
        pstate <- AbsPState, parent <- pptr, xstat <- AbsXstat, reaperOf <- ReaperOf,
        isReaper <- IsReaper0, waited <- NoFlags, continued <- AbsContinued, reports <- reapCount

ExitWaitSpec == EW!Spec

(* EW!Spec is checked whole (MCRefinementTLC.cfg: PROPERTY ExitWaitSpec)  *)
(* and in two halves that need only action-property support: the step    *)
(* half (ExitWaitStep, MCRefinement*.cfg) and the initial half            *)
(* (ExitWaitInit, MCRefinementInit.cfg).                                  *)
ExitWaitStep == [][EW!Next]_EW!vars
ExitWaitInit == EW!Init
InitOnly == Init /\ [][FALSE]_vars

(* The abstract invariants, through the mapping. *)
AbsInvariants == EW!Invariants
=====================================================================================================================================================
