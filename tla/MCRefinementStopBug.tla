-------------------------- MODULE MCRefinementStopBug --------------------------
(* The stop mapping's check must be able to fail: the same Stop world      *)
(* through a mapping that keeps P_CONTINUED after the exit (contSent       *)
(* alone). ExitWait's Exit clears continued, so a continue before the exit  *)
(* makes the exit step no ExitWait step. Expected: ExitWaitStepBug fails.  *)
EXTENDS MCStop, DragonflyRefinement

EWBug == INSTANCE ExitWait WITH
        Procs <- Procs, InitProc <- InitProc, Live0 <- Procs, Parent0 <- Parent0,
        Reaper0 <- ReaperOf, Sigchld0 <- AbsSigchld, SigchldSettable <- {},
        Status <- {0}, NoProc <- NoProc, sigchld <- AbsSigchld,
        pstate <- AbsPState, parent <- pptr, xstat <- AbsXstat, reaperOf <- ReaperOf,
        isReaper <- IsReaper0, waited <- NoFlags, continued <- contSent, reports <- reapCount

ExitWaitStepBug == [][EWBug!Next]_EWBug!vars
=============================================================================
