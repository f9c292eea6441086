------------------------------ MODULE MCLiveBasic ------------------------------
(* Liveness on the Basic world under weak fairness of every kernel thread    *)
(* (FairSpec). Needs the liveness checker (issue 4): not run by npm test.  *)
EXTENDS MCBasic
=============================================================================
