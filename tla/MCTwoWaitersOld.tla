------------------------------ MODULE MCTwoWaitersOld ------------------------------
(* The TwoWaiters world on the older revision f2a91d31 (seed 001). *)
EXTENDS MCTwoWaiters
=============================================================================
