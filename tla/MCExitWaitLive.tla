--------------------------- MODULE MCExitWaitLive ---------------------------
(* Liveness of the abstract spec: zombies are eventually reaped when       *)
(* parents keep waiting (weak fairness on WaitReap and Reparent).          *)
EXTENDS ExitWait

MCProcs == {1, 2, 3}
MCParent0 == [p \in MCProcs |-> 0]
MCReaper0 == [p \in MCProcs |-> 1]
MCSigchld0 == [p \in MCProcs |-> "default"]
=============================================================================
