------------------------ MODULE MCExitWaitSigchldLive ------------------------
(* Liveness of the abstract spec with sigaction(SIGCHLD): zombies are      *)
(* eventually reaped, also those handed off by a SIGCHLD-ignoring parent.  *)
EXTENDS MCExitWaitLive
=============================================================================
