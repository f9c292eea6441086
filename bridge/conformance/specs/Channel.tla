------------------------------ MODULE Channel ------------------------------
(***************************************************************************)
(* An asynchronous channel with a two-phase handshake (val, rdy, ack).     *)
(* After Lamport, Specifying Systems (2002), section 3.1; rewritten for    *)
(* exitspec.  Instantiated twice by InnerFIFO.                             *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Data

VARIABLE chan

TypeInvariant == chan \in [val : Data, rdy : {0, 1}, ack : {0, 1}]

Init == /\ TypeInvariant
        /\ chan.ack = chan.rdy

Send(d) == /\ chan.rdy = chan.ack
           /\ chan' = [chan EXCEPT !.val = d, !.rdy = 1 - @]

Rcv == /\ chan.rdy # chan.ack
       /\ chan' = [chan EXCEPT !.ack = 1 - @]

Next == (\E d \in Data : Send(d)) \/ Rcv

Spec == Init /\ [][Next]_chan
=============================================================================
