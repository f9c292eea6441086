------------------------- MODULE MCMinixRefinement -------------------------
(***************************************************************************)
(* MinixPM against the abstract ExitWait spec, under this mapping:         *)
(*   a slot never forked into is "unborn"; IN_USE and not EXITING is       *)
(*   "running" (a trace stop is not a job-control stop); EXITING and not  *)
(*   TOLD_PARENT is "zombie"; TOLD_PARENT or freed after use is "reaped";  *)
(*   reports = the number of tell_parent calls; INIT's parent is NoProc    *)
(*   (MINIX makes INIT its own parent); the reaper is always INIT.         *)
(* Slots are pids, so the world must not reuse slots (Reuse = FALSE).      *)
(*                                                                         *)
(* What is checked (docs/minix.md, "Refinement"):                          *)
(*  - AbsInvariantsIdle: ExitWait's invariants hold, through the mapping,  *)
(*    in every state where PM is between messages;                        *)
(*  - IdleStepsRefine: every PM step that starts and ends idle (fork, the  *)
(*    wait4 paths, VFS replies without a deferred kill) is one ExitWait    *)
(*    step or a stutter.                                                  *)
(* A PM step that runs exit_proc is atomic but performs several abstract   *)
(* steps at once (Exit, then possibly the parent's WaitReap *before* the   *)
(* children are reparented, then Reparent and INIT's WaitReap per child),  *)
(* so EW!Spec does not hold step by step at this granularity; the sub-    *)
(* steps here are in C order, which ExitWait forbids (a zombie is only     *)
(* reapable without children). MCMinixRefinementSteps.tla checks whole     *)
(* PM messages (Atomic) as chains of genuine ExitWait steps in a legal     *)
(* order.                                                                  *)
(***************************************************************************)
EXTENDS MinixPM

AbsProcs == 1..(N - 1)
AbsPState == [s \in AbsProcs |->
                IF ~pm.proc[s].used THEN "unborn"
                ELSE IF F(s, "IN_USE") /\ ~F(s, "EXITING") THEN "running"
                ELSE IF F(s, "IN_USE") /\ ~F(s, "TOLD_PARENT") THEN "zombie"
                ELSE "reaped"]
AbsParent == [s \in AbsProcs |->
                IF s = INIT \/ AbsPState[s] \in {"unborn", "reaped"} THEN 0 ELSE pm.proc[s].par]
AbsXstat == [s \in AbsProcs |-> IF AbsPState[s] \in {"zombie", "reaped"} THEN pm.proc[s].ex ELSE -1]
AbsReports == [s \in AbsProcs |-> pm.proc[s].tp]
AllInit == [s \in AbsProcs |-> INIT]
IsReaper0 == [s \in AbsProcs |-> s = INIT]
NoFlags == [s \in AbsProcs |-> FALSE]
AllDefault == [s \in AbsProcs |-> "default"]   \* MINIX PM has no SA_NOCLDWAIT hand-off
MCParent0 == [s \in AbsProcs |-> IF s \in Boot THEN INIT ELSE 0]

EW == INSTANCE ExitWait WITH
        Procs <- AbsProcs, InitProc <- INIT, Live0 <- {INIT} \cup Boot, Parent0 <- MCParent0,
        Reaper0 <- AllInit, Sigchld0 <- AllDefault, SigchldSettable <- {},
        Status <- Status, NoProc <- 0, sigchld <- AllDefault,
        pstate <- AbsPState, parent <- AbsParent, xstat <- AbsXstat, reaperOf <- AllInit,
        isReaper <- IsReaper0, waited <- NoFlags, continued <- NoFlags, reports <- AbsReports

AbsVars == <<AbsPState, AbsParent, AbsXstat, AbsReports>>

AbsInit == EW!Init
AbsInvariantsIdle == PmIdle => EW!Invariants
IdleStepsRefine == [][(PmIdle /\ PmIdle') => (EW!Next \/ UNCHANGED AbsVars)]_vars
=============================================================================
