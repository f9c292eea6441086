------------------------------ MODULE MCReparentOld ------------------------------
(* The Reparent world on the older revision f2a91d31 (seed 001). *)
EXTENDS MCReparent
=============================================================================
