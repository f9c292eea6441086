----------------------- MODULE MCRefinementNoCldWaitBug -----------------------
(* The NoCldWait mapping's check must be able to fail: the same world      *)
(* against ExitWait with every SIGCHLD disposition "default" (the abstract *)
(* spec as it was before NoCldWaitReparent: a zombie stays with its live   *)
(* parent). C's proc_reparent hands itself to init while P still runs:     *)
(* no ExitWait step. Expected: ExitWaitStepBug violated.                   *)
EXTENDS MCNoCldWait, DragonflyRefinement

AllDefault == [p \in Procs |-> "default"]
EWBug == INSTANCE ExitWait WITH
        Procs <- Procs, InitProc <- InitProc, Live0 <- Procs, Parent0 <- Parent0,
        Reaper0 <- ReaperOf, Sigchld0 <- AllDefault, SigchldSettable <- {},
        Status <- {0}, NoProc <- NoProc, sigchld <- AllDefault,
        pstate <- AbsPState, parent <- pptr, xstat <- AbsXstat, reaperOf <- ReaperOf,
        isReaper <- IsReaper0, waited <- NoFlags, continued <- AbsContinued, reports <- reapCount

ExitWaitStepBug == [][EWBug!Next]_EWBug!vars
=============================================================================
