----------------------------- MODULE MCLiveReparent -----------------------------
(* Liveness on the Reparent world under weak fairness of every thread.    *)
EXTENDS MCReparent
=============================================================================
