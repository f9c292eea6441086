--------------------------- MODULE MCRefinementBug ---------------------------
(* The refinement check must be able to fail: the pre-0730ed66e3 code (no  *)
(* zombie lock, f2a91d31) reaps one zombie twice, which is no ExitWait     *)
(* step. Expected: PROPERTY ExitWaitStep violated.                          *)
EXTENDS MCTwoWaiters, DragonflyRefinement
=============================================================================
