---------------------------- MODULE DragonflyExit ----------------------------
(***************************************************************************)
(* The DragonFly BSD process-exit path (sys/kern/kern_exit.c) at the step  *)
(* granularity of the TypeScript implementation in impl/dragonfly.         *)
(*                                                                         *)
(* Seeds: seed 000 = dragonfly-kern_exit-current.c (Revision "current"),   *)
(*        seed 001 = dragonfly-kern_exit-f2a91d31.c (Revision "f2a91d31"). *)
(* Primitives (tokens, tsleep/wakeup, PHOLD/PSTALL/PHOLDZOMB...) follow    *)
(* /work/shared/notes/dragonfly-primitives.md ("notes N.M" below).         *)
(*                                                                         *)
(* Every action is named tlaActionName(label) of a label in                *)
(* impl/dragonfly/labels.ts (label "exit1.move_zombie" -> action           *)
(* exit1_move_zombie). Labels whose step changes nothing this model keeps  *)
(* (session/tty teardown, rusage, credential freeing, ...) are stuttering  *)
(* steps here; tla/README.md lists them.                                   *)
(*                                                                         *)
(* Program counters. pc[t] is the location of thread t: the label of the   *)
(* step it executes next. Where a step can end in a sleep and resumes by   *)
(* re-running a different part of the code, the location gets a suffix    *)
(* (".slept", ".stall"); the action is still named after the label.        *)
(*                                                                         *)
(* LWKT tokens (notes 2). tok[t] is the set of p_tokens thread t owns;     *)
(* tokOk[t] says whether it currently holds them. Blocking (a sleep, a     *)
(* contended lwkt_gettoken, a "may block" call) sets tokOk to FALSE: every *)
(* token is released. A thread runs again only when all of tok[t] are free *)
(* (all or nothing), so any state read before a block is stale after it.   *)
(* Acquiring a token is the last thing a step does: if it is contended the *)
(* thread blocks there, and its next step runs with the token re-acquired. *)
(*                                                                         *)
(* Sleep queues (notes 3). wchan[t] is the ident t is registered on        *)
(* (tsleep_interlock or tsleep), asleep[t] says it is descheduled. wakeup  *)
(* (ident) unregisters every thread on ident; it is broadcast and          *)
(* memoryless. A PINTERLOCKED tsleep whose registration was already        *)
(* consumed returns at once. Polling sleeps ("lwpzomb", "lwpexit") are     *)
(* modelled as sleeping until their condition holds (PollDone), so a hang  *)
(* is a deadlock the safety checker reports.                               *)
(* Spurious wakeups are an environment action (constant Spurious).         *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Procs,        \* process ids (naturals); list order of p_children = numeric order
    InitProc,     \* pid 1
    NoProc,       \* 0
    Threads,      \* kernel threads (naturals): the lwps of the processes + the lwp reaper task
    Owner,        \* [Threads -> Procs]: the process of each lwp
    Role,         \* [Threads -> {"exit","extexit_lwp","wait","waitall","user","lwpreaper",
                  \*              "lwpcreate","newlwp","vforkwait"}]
    Opts,         \* [Threads -> SUBSET {"WNOHANG","WNOWAIT","NOCLDWAIT","STOP","CONT"}]: wait
                  \* options of a waiting thread; "NOCLDWAIT": its process ignores SIGCHLD
                  \* (PS_NOCLDWAIT); "STOP"/"CONT": its process gets one SIGSTOP / SIGCONT
    Parent0,      \* [Procs -> Procs \cup {NoProc}]: initial p_pptr
    ReaperOf,     \* [Procs -> Procs]: the reaper process p inherited; reaper_get falls back
                  \* to init once that process has disowned its node (ReaperGet)
    Revision,     \* "current" (seed 000) or "f2a91d31" (seed 001)
    Bug,          \* "none" or the name of a seeded defect (see BugNames)
    Spurious      \* TRUE: sleeping threads may wake up spuriously

BugNames == {"none", "stoplwp_no_wexit", "prelezomb_keeps_waitres", "reparent_no_recheck", "ppwait_after_reap1", "no_wexit_interlock", "no_lwphold", "no_exitsig_wait", "early_lwp_prele",
             "no_zombie_lock", "no_waitgen", "no_waitgen_only",
             "no_ksignal_token_only", "no_pwaitres", "reap3_zero", "reap3_two",
             "wakeup_before_zombie", "no_nthreads_wakeup", "reparent_no_child_token"}

ASSUME Revision \in {"current", "f2a91d31"}
ASSUME Bug \in BugNames
ASSUME InitProc \in Procs /\ NoProc \notin Procs
ASSUME \A t \in Threads :
         Role[t] \in {"exit", "extexit_lwp", "wait", "waitall", "user", "lwpreaper", "lwpcreate",
                     "newlwp", "vforkwait"}
(* An "lwpcreate" thread creates the "newlwp" thread of its process.      *)
ASSUME \A t \in Threads : Role[t] = "lwpcreate" =>
         Cardinality({n \in Threads : Role[n] = "newlwp" /\ Owner[n] = Owner[t]}) = 1
ASSUME Revision = "f2a91d31" => \A t \in Threads : "WNOWAIT" \notin Opts[t]  \* wait4 only

Current == Revision = "current"

(* A "vforkwait" thread is a vfork parent sleeping in start_forked_proc   *)
(* ("ppwait") until its child (the lowest-numbered child of its process)  *)
(* clears P_PPWAIT; it holds a PHOLD on the child meanwhile (H8).          *)
VforkChild(t) == CHOOSE c \in Procs : Parent0[c] = Owner[t] /\ \A d \in Procs : Parent0[d] = Owner[t] => c <= d
Vforked == {VforkChild(t) : t \in {u \in Threads : Role[u] = "vforkwait"}}

(* Processes that receive one SIGSTOP / one SIGCONT from outside.         *)
StopTargets == {Owner[t] : t \in {u \in Threads : "STOP" \in Opts[u]}}
ContTargets == {Owner[t] : t \in {u \in Threads : "CONT" \in Opts[u]}}

(* Processes whose SIGCHLD disposition is SIG_IGN / SA_NOCLDWAIT.          *)
NoCldWait == {Owner[t] : t \in {u \in Threads : "NOCLDWAIT" \in Opts[u]}}
Lwps == {t \in Threads : Role[t] # "lwpreaper"}
NoThread == 0
NoChan == <<"none", 0>>
Min(S) == CHOOSE x \in S : \A y \in S : x <= y
R(kind) == <<kind, 0>>    \* a kern_wait result without a child

VARIABLES
    \* -- thread control
    pc, tok, tokOk, wchan, asleep,
    \* -- thread locals
    lchild,      \* kern_wait: the child p under examination; exit1: the child q being moved
    llwp,        \* lwp being reaped (reaplwp) / signalled (killlwps)
    lgen,        \* kern_wait: sampled p_waitgen (low 31 bits)
    lscan,       \* kern_wait: children already scanned in this pass / killlwps: lwps visited
    lnfound,     \* kern_wait: nfound > 0
    lmaster,     \* lwp_exit(masterexit, ...)
    ldowake,     \* lwp_exit: dowake
    lpp,         \* exit1/lwp_exit: pp (the parent that is held, signalled and woken)
    lrep,        \* exit1: reproc, the process reaper_get returned (held)
    lret,        \* kern_wait: result: R("none"|"loop"|"slept"|"ECHILD"|"zero"|"EINTR"),
                 \* <<"reaped", c>> or <<"reported", c>>
    \* -- lwps
    lwpWexit, lwpWstop, sigkill, exitsig, deadlwps,
    lwpLock,     \* lwp_lock: LWPHOLD count
    lwpFreed,    \* lwps disposed (lwp_dispose freed them)
    pstopped,    \* p_stat == SSTOP (kept apart from pstat: a stopped process is active)
    stopSent,    \* the one SIGSTOP a "STOP" process receives was sent
    contSent,    \* the one SIGCONT a "CONT" process receives was sent
    \* -- processes
    pstat,       \* "active" | "zomb" | "freed"
    wexit,       \* P_WEXIT
    postexit,    \* P_POSTEXIT
    nthreads,    \* p_nthreads
    plwps,       \* p_lwp_tree
    pcnt,        \* p_lock & PLOCK_MASK (hold count)
    pzomb,       \* PLOCK_ZOMB
    pwaitres,    \* PLOCK_WAITRES (current revision only)
    pwaiting,    \* PLOCK_WAITING
    waitgen,     \* p_waitgen & 0x7FFFFFFF (the high bit is never compared: see README)
    pptr,        \* p_pptr
    children,    \* p_children
    nstopped,    \* p_nstopped
    ppwait,      \* P_PPWAIT (vfork child not yet exec'd or exited)
    ownsReaper,  \* the process still owns its reaper node (r->p == p; cleared by reaper_exit)
    \* -- ghost / history
    zombHolders, \* threads that hold the zombie lock (PHOLDZOMB succeeded, not yet released)
    masters,     \* threads that won the P_WEXIT test-and-set
    reapCount,   \* times each process was unlinked by a reaping wait
    uaf          \* some step touched a freed process

ctl   == <<pc, tok, tokOk, wchan, asleep>>
loc   == <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lrep>>
lwpv  == <<lwpWexit, lwpWstop, sigkill, exitsig, deadlwps>>
procv == <<pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb, pwaitres, pwaiting,
           waitgen, pptr, children, nstopped, ownsReaper, ppwait>>
ghost == <<zombHolders, masters, reapCount, uaf>>
lwph  == <<lwpLock, lwpFreed>>
stopv == <<pstopped, stopSent, contSent>>
vars  == <<ctl, loc, lwpv, procv, ghost, lwph, stopv>>

-----------------------------------------------------------------------------
(* Idents a thread can sleep on *)
NthreadsChan(p) == <<"nthreads", p>>   \* &p->p_nthreads
PlockChan(p)    == <<"plock", p>>      \* &p->p_lock
ProcChan(p)     == <<"proc", p>>       \* p itself (kern_wait "wait", tstop, exit1 peers)
TdChan(t)       == <<"td", t>>         \* the lwp's thread (lwp_wait "lwpxt")

Labels == {
    "sys_extexit.check_args", "sys_extexit.check_nthreads",
    "exit1.enter", "killalllwps.set_wexit", "killalllwps.set_wexit.late",
    "killalllwps.fakestop", "killalllwps.set_self_wexit", "killlwps.hold_lwp",
    "killlwps.signal_lwp", "killlwps.wakeup_stop", "killlwps.sleep_nthreads",
    "killalllwps.finish", "exit1.killalllwps_lost", "exit1.postexit", "exit1.fdfree",
    "exit1.vmspace_relexit", "exit1.reap1", "exit1.reap1a", "exit1.move_zombie",
    "exit1.waitgen_bump", "exit1.reaper_get", "exit1.hold_child", "exit1.move_child",
    "exit1.cldwait_reparent", "proc_reparent.hold", "proc_reparent.get_tokens",
    "proc_reparent.move",
    "exit1.hold_parent", "exit1.signal_parent", "exit1.call_lwp_exit",
    "lwp_exit.enter", "lwp_exit.lwpexit_poll", "lwp_exit.hold_proc", "lwp_exit.remove_nonmaster",
    "lwp_exit.deadlwp_queue", "lwp_exit.master_dec", "lwp_exit.release_token",
    "lwp_exit.late_wakeup", "lwp_exit.switch_out", "lwp_exit.exitsig", "dead",
    "reaplwps.idle", "lwp_wait.exitsig", "lwp_dispose.free",
    "kern_wait.loop", "kern_wait.sample_waitgen", "kern_wait.scan_child",
    "kern_wait.skip_child", "kern_wait.pholdzomb", "kern_wait.pholdzomb.slept",
    "kern_wait.zomb_token", "kern_wait.waitres_set", "kern_wait.lwpzomb_sleep",
    "kern_wait.zomblwp_poll", "kern_wait.reap_master_lwp", "kern_wait.reap3",
    "kern_wait.reap3.stall", "kern_wait.wnowait", "kern_wait.reap2", "kern_wait.reap2a",
    "kern_wait.remove_zombie", "kern_wait.reap4", "kern_wait.vmspace_exitfree",
    "kern_wait.reap5", "kern_wait.free_proc", "kern_wait.sleep", "kern_wait.done",
    "syscall.idle", "syscall.enter", "userret.tstop_sleep", "vfork.ppwait", "exit1.ppwait", "lwp_create1.create", "lwp_create1.insert", "unborn"}

-----------------------------------------------------------------------------
(* Token and sleep-queue helpers *)

HeldBy(x, u) == x \in tok[u] /\ tokOk[u]
FreeFor(t, x) == \A u \in Threads \ {t} : ~HeldBy(x, u)

(* Threads whose timed polling sleep has its condition satisfied.          *)
PollDone(t) ==
    \/ (pc[t] = "kern_wait.lwpzomb_sleep" /\ nthreads[lchild[t]] = 0)
    \/ (pc[t] = "lwp_exit.lwpexit_poll" /\ lwpLock[t] = 0)

(* t may take its next step: awake (or woken, or its poll condition holds) *)
(* and every token it owns is free (re-acquired all or nothing).           *)
Runnable(t) ==
    /\ (~asleep[t] \/ wchan[t] = NoChan \/ PollDone(t))
    /\ (tokOk[t] \/ \A x \in tok[t] : FreeFor(t, x))

WakeAll(W) == [u \in Threads |-> IF wchan[u] \in W THEN NoChan ELSE wchan[u]]

(* t continues running; W: idents woken by this step; tk: t's tokens after *)
Go(t, next, tk, W) ==
    /\ pc' = [pc EXCEPT ![t] = next]
    /\ tok' = [tok EXCEPT ![t] = tk]
    /\ tokOk' = [tokOk EXCEPT ![t] = TRUE]
    /\ asleep' = [asleep EXCEPT ![t] = FALSE]
    /\ wchan' = [WakeAll(W) EXCEPT ![t] = IF asleep[t] THEN NoChan ELSE WakeAll(W)[t]]

(* t ends its step by taking token x (lwkt_gettoken): if another thread    *)
(* holds x, t blocks and so releases every token until all are free.       *)
GoGet(t, next, tk, x, W) ==
    /\ pc' = [pc EXCEPT ![t] = next]
    /\ tok' = [tok EXCEPT ![t] = tk \cup {x}]
    /\ tokOk' = [tokOk EXCEPT ![t] = FreeFor(t, x)]
    /\ asleep' = [asleep EXCEPT ![t] = FALSE]
    /\ wchan' = [WakeAll(W) EXCEPT ![t] = IF asleep[t] THEN NoChan ELSE WakeAll(W)[t]]

(* t ends its step in a call that may block (fdfree, vmspace_relexit...):  *)
(* all its tokens are released; it re-acquires them before its next step.  *)
GoGetAll(t, next, tk, S, W) ==
    /\ pc' = [pc EXCEPT ![t] = next]
    /\ tok' = [tok EXCEPT ![t] = tk \cup S]
    /\ tokOk' = [tokOk EXCEPT ![t] = \A x \in S : FreeFor(t, x)]
    /\ asleep' = [asleep EXCEPT ![t] = FALSE]
    /\ wchan' = [WakeAll(W) EXCEPT ![t] = IF asleep[t] THEN NoChan ELSE WakeAll(W)[t]]

GoBlock(t, next, tk, W) ==
    /\ pc' = [pc EXCEPT ![t] = next]
    /\ tok' = [tok EXCEPT ![t] = tk]
    /\ tokOk' = [tokOk EXCEPT ![t] = FALSE]
    /\ asleep' = [asleep EXCEPT ![t] = FALSE]
    /\ wchan' = [WakeAll(W) EXCEPT ![t] = IF asleep[t] THEN NoChan ELSE WakeAll(W)[t]]

(* t registers on ident and sleeps (tsleep without PINTERLOCKED, or        *)
(* tsleep_interlock + CAS + tsleep(PINTERLOCKED) done back to back).       *)
GoSleep(t, next, tk, ident, W) ==
    /\ pc' = [pc EXCEPT ![t] = next]
    /\ tok' = [tok EXCEPT ![t] = tk]
    /\ tokOk' = [tokOk EXCEPT ![t] = FALSE]
    /\ asleep' = [asleep EXCEPT ![t] = TRUE]
    /\ wchan' = [WakeAll(W) EXCEPT ![t] = ident]

-----------------------------------------------------------------------------
(* p_lock primitives (notes 1.2-1.7), as expressions over the new values.  *)

(* Idents woken by PRELE(p) (wakeup(&p->p_lock) when WAITING was set).     *)
PreleWakes(p) == IF pwaiting[p] THEN {PlockChan(p)} ELSE {}

Touch(S) == uaf' = (uaf \/ \E p \in S : pstat[p] = "freed")

-----------------------------------------------------------------------------
TypeOK ==
    /\ \A t \in Threads :
          /\ pc[t] \in Labels
          /\ tok[t] \subseteq Procs
          /\ tokOk[t] \in BOOLEAN /\ asleep[t] \in BOOLEAN
          /\ lchild[t] \in Procs \cup {NoProc}
          /\ llwp[t] \in Threads \cup {NoThread}
          /\ lgen[t] \in Nat /\ lscan[t] \subseteq (Procs \cup Threads)
          /\ lnfound[t] \in BOOLEAN /\ lmaster[t] \in BOOLEAN /\ ldowake[t] \in BOOLEAN
          /\ lpp[t] \in Procs \cup {NoProc} /\ lrep[t] \in Procs \cup {NoProc}
    /\ \A l \in Lwps : lwpWexit[l] \in BOOLEAN /\ lwpWstop[l] \in BOOLEAN
                       /\ sigkill[l] \in BOOLEAN /\ exitsig[l] \in BOOLEAN
    /\ deadlwps \subseteq Lwps
    /\ \A l \in Lwps : lwpLock[l] \in Nat
    /\ lwpFreed \subseteq Lwps
    /\ \A p \in Procs : pstopped[p] \in BOOLEAN /\ stopSent[p] \in BOOLEAN /\ contSent[p] \in BOOLEAN
    /\ \A p \in Procs :
          /\ pstat[p] \in {"active", "zomb", "freed"}
          /\ wexit[p] \in BOOLEAN /\ postexit[p] \in BOOLEAN
          /\ nthreads[p] \in Nat /\ plwps[p] \subseteq Lwps
          /\ pcnt[p] \in Nat
          /\ pzomb[p] \in BOOLEAN /\ pwaitres[p] \in BOOLEAN /\ pwaiting[p] \in BOOLEAN
          /\ waitgen[p] \in Nat
          /\ pptr[p] \in Procs \cup {NoProc}
          /\ children[p] \subseteq Procs
          /\ nstopped[p] \in Nat /\ ownsReaper[p] \in BOOLEAN /\ ppwait[p] \in BOOLEAN
          /\ zombHolders[p] \subseteq Threads
          /\ masters[p] \subseteq Threads
          /\ reapCount[p] \in Nat
    /\ uaf \in BOOLEAN

Init ==
    /\ pc = [t \in Threads |->
               CASE Role[t] = "exit" -> "exit1.enter"
                 [] Role[t] = "extexit_lwp" -> "sys_extexit.check_args"
                 [] Role[t] \in {"wait", "waitall"} -> "kern_wait.loop"
                 [] Role[t] = "user" -> "syscall.idle"
                 [] Role[t] = "lwpreaper" -> "reaplwps.idle"
                 [] Role[t] = "lwpcreate" -> "syscall.enter"
                 [] Role[t] = "newlwp" -> "unborn"
                 [] Role[t] = "vforkwait" -> "vfork.ppwait"]
    /\ tok = [t \in Threads |-> {}]
    /\ tokOk = [t \in Threads |-> TRUE]
    /\ wchan = [t \in Threads |-> NoChan]
    /\ asleep = [t \in Threads |-> FALSE]
    /\ lchild = [t \in Threads |-> NoProc]
    /\ llwp = [t \in Threads |-> NoThread]
    /\ lgen = [t \in Threads |-> 0]
    /\ lscan = [t \in Threads |-> {}]
    /\ lnfound = [t \in Threads |-> FALSE]
    /\ lmaster = [t \in Threads |-> FALSE]
    /\ ldowake = [t \in Threads |-> FALSE]
    /\ lpp = [t \in Threads |-> NoProc]
    /\ lret = [t \in Threads |-> R("none")]
    /\ lrep = [t \in Threads |-> NoProc]
    /\ lwpWexit = [l \in Lwps |-> FALSE]
    /\ lwpWstop = [l \in Lwps |-> FALSE]
    /\ sigkill = [l \in Lwps |-> FALSE]
    /\ exitsig = [l \in Lwps |-> FALSE]
    /\ deadlwps = {}
    /\ lwpLock = [l \in Lwps |-> 0]
    /\ lwpFreed = {}
    /\ pstopped = [p \in Procs |-> FALSE]
    /\ stopSent = [p \in Procs |-> FALSE]
    /\ contSent = [p \in Procs |-> FALSE]
    /\ pstat = [p \in Procs |-> "active"]
    /\ wexit = [p \in Procs |-> FALSE]
    /\ postexit = [p \in Procs |-> FALSE]
    /\ plwps = [p \in Procs |-> {l \in Lwps : Owner[l] = p /\ Role[l] # "newlwp"}]
    /\ nthreads = [p \in Procs |-> Cardinality({l \in Lwps : Owner[l] = p /\ Role[l] # "newlwp"})]
    /\ pcnt = [p \in Procs |-> IF p \in Vforked THEN 1 ELSE 0]
    /\ pzomb = [p \in Procs |-> FALSE]
    /\ pwaitres = [p \in Procs |-> FALSE]
    /\ pwaiting = [p \in Procs |-> FALSE]
    /\ waitgen = [p \in Procs |-> 0]
    /\ pptr = Parent0
    /\ children = [p \in Procs |-> {c \in Procs : Parent0[c] = p}]
    /\ nstopped = [p \in Procs |-> 0]
    /\ ownsReaper = [p \in Procs |-> TRUE]
    /\ ppwait = [p \in Procs |-> p \in Vforked]
    /\ zombHolders = [p \in Procs |-> {}]
    /\ masters = [p \in Procs |-> {}]
    /\ reapCount = [p \in Procs |-> 0]
    /\ uaf = FALSE

-----------------------------------------------------------------------------
(***************************************************************************)
(* exit1 and killalllwps / killlwps                                        *)
(***************************************************************************)

(* seed 000:121-150: extexit(EXTEXIT_LWP, EXTEXIT_SIMPLE): the argument   *)
(* checks pass; then lwkt_gettoken(&p->p_token) (seed 000:152).            *)
sys_extexit_check_args(t) ==
    /\ pc[t] = "sys_extexit.check_args" /\ Runnable(t)
    /\ GoGet(t, "sys_extexit.check_nthreads", tok[t], Owner[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost, lwph>>
    /\ UNCHANGED stopv

(* seed 000:152-176: if p_nthreads > 1, lwp_exit(0, NULL) with p_token    *)
(* held; else release p_token and exit1 (H22: the check and lwp_exit's    *)
(* decrement are separated by lwp_exit's blocking calls).                 *)
sys_extexit_check_nthreads(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "sys_extexit.check_nthreads" /\ Runnable(t)
    /\ lmaster' = [lmaster EXCEPT ![t] = FALSE]
    /\ lpp' = [lpp EXCEPT ![t] = NoProc]
    /\ IF nthreads[p] > 1
         THEN Go(t, "lwp_exit.enter", tok[t], {})
         ELSE Go(t, "exit1.enter", tok[t] \ {p}, {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, ldowake, lret, lrep, lwpv, procv, ghost,
                   lwph>>
    /\ UNCHANGED stopv

(* seed 000:292-312: lwkt_gettoken(&p->p_token); init may not exit.       *)
exit1_enter(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.enter" /\ Runnable(t)
    /\ GoGet(t, "killalllwps.set_wexit", tok[t], p, {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:198-203 (seed 001:201-203): test-and-set of P_WEXIT under     *)
(* p_token with no blocking point between test and set (H1). The current *)
(* revision takes p_token itself (recursively: exit1 holds it); f2a91d31  *)
(* relies on the caller holding it -- identical here, exit1 is the only   *)
(* caller modelled. Mutant no_wexit_interlock: the test and the set are   *)
(* separated by a blocking point (".late").                                *)
killalllwps_set_wexit(t) ==
    LET p == Owner[t] IN
    /\ Runnable(t) /\ ~wexit[p]
    /\ \/ /\ pc[t] = "killalllwps.set_wexit" /\ Bug # "no_wexit_interlock"
          /\ wexit' = [wexit EXCEPT ![p] = TRUE]
          /\ masters' = [masters EXCEPT ![p] = @ \cup {t}]
          /\ Go(t, "killalllwps.fakestop", tok[t], {})
       \/ /\ pc[t] = "killalllwps.set_wexit" /\ Bug = "no_wexit_interlock"
          /\ GoBlock(t, "killalllwps.set_wexit.late", tok[t], {})
          /\ UNCHANGED <<wexit, masters>>
    /\ UNCHANGED <<loc, lwpv, pstat, postexit, nthreads, plwps, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, zombHolders, reapCount, uaf, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* Mutant no_wexit_interlock only: the set after the block, without a     *)
(* re-test.                                                                *)
killalllwps_set_wexit_late(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killalllwps.set_wexit.late" /\ Runnable(t)
    /\ wexit' = [wexit EXCEPT ![p] = TRUE]
    /\ masters' = [masters EXCEPT ![p] = @ \cup {t}]
    /\ Go(t, "killalllwps.fakestop", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, pstat, postexit, nthreads, plwps, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, zombHolders, reapCount, uaf, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:198-201: P_WEXIT already set: return EALREADY.                *)
killalllwps_ealready(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killalllwps.set_wexit" /\ Runnable(t) /\ wexit[p]
    /\ Go(t, "exit1.killalllwps_lost", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:316-325: error from killalllwps: lwp_exit(0, NULL).           *)
exit1_killalllwps_lost(t) ==
    /\ pc[t] = "exit1.killalllwps_lost" /\ Runnable(t)
    /\ lmaster' = [lmaster EXCEPT ![t] = FALSE]
    /\ lpp' = [lpp EXCEPT ![t] = NoProc]
    /\ Go(t, "lwp_exit.enter", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, ldowake, lret, lwpv, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:204-217: own lwp_token (not modelled); fakestop: count self   *)
(* as stopped so a racing core dump can proceed (H6).                     *)
killalllwps_fakestop(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killalllwps.fakestop" /\ Runnable(t)
    /\ IF lwpWstop[t]
         THEN UNCHANGED <<lwpWstop, nstopped>>
         ELSE /\ lwpWstop' = [lwpWstop EXCEPT ![t] = TRUE]
              /\ nstopped' = [nstopped EXCEPT ![p] = @ + 1]
    \* wakeup(&p->p_nstopped): nobody sleeps there (no core dump modelled)
    /\ Go(t, "killalllwps.set_self_wexit", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, sigkill, exitsig, deadlwps, pstat, wexit, postexit,
                   nthreads, plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:219-224: set own LWP_MP_WEXIT; killlwps if p_nthreads > 1.    *)
killalllwps_set_self_wexit(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killalllwps.set_self_wexit" /\ Runnable(t)
    /\ lwpWexit' = [lwpWexit EXCEPT ![t] = TRUE]
    /\ lscan' = [lscan EXCEPT ![t] = {t}]
    /\ Go(t, IF nthreads[p] > 1 THEN "killlwps.hold_lwp" ELSE "killalllwps.finish", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lnfound, lmaster, ldowake, lpp, lret,
                   lwpWstop, sigkill, exitsig, deadlwps, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:266-268: FOREACH_LWP_IN_PROC: LWPHOLD the next lwp and take   *)
(* its lwp_token, which may block (the target holds its own lwp_token in  *)
(* tsleep or lwp_userunmap): then p_token is lost too, and the target may *)
(* run into lwp_exit -- where it polls until lwp_lock == 0 before leaving *)
(* the tree (H4, 89d9d44934). Mutant no_lwphold: no LWPHOLD/LWPRELE.      *)
(* Self is visited first without a step (lscan; its WEXIT is set).        *)
NoLwphold == Bug = "no_lwphold"

killlwps_hold_lwp(t) ==
    LET p == Owner[t]
        todo == plwps[p] \ lscan[t]
    IN
    /\ pc[t] = "killlwps.hold_lwp" /\ Runnable(t)
    /\ IF todo = {}
         THEN /\ Go(t, "killlwps.wakeup_stop", tok[t], {})
              /\ UNCHANGED <<llwp, lscan, lwpLock>>
         ELSE /\ llwp' = [llwp EXCEPT ![t] = Min(todo)]
              /\ lscan' = [lscan EXCEPT ![t] = @ \cup {Min(todo)}]
              /\ lwpLock' = IF NoLwphold THEN lwpLock ELSE [lwpLock EXCEPT ![Min(todo)] = @ + 1]
              /\ \/ Go(t, "killlwps.signal_lwp", tok[t], {})
                 \/ GoBlock(t, "killlwps.signal_lwp", tok[t], {})
    /\ UNCHANGED <<lchild, lgen, lnfound, lmaster, ldowake, lpp, lret, lwpv, procv, ghost,
                   lwpFreed, lrep>>
    /\ UNCHANGED stopv

(* seed 000:269-274: if its LWP_MP_WEXIT is clear, set it and             *)
(* lwpsignal(p, tlp, SIGKILL): SIGKILL wakes a PCATCH sleeper (notes 3).  *)
(* Then release its lwp_token and LWPRELE (no wakeup: lwp_exit polls).    *)
killlwps_signal_lwp(t) ==
    LET l == llwp[t] IN
    /\ pc[t] = "killlwps.signal_lwp" /\ Runnable(t)
    /\ uaf' = (uaf \/ l \in lwpFreed)
    /\ lwpLock' = IF NoLwphold THEN lwpLock ELSE [lwpLock EXCEPT ![l] = @ - 1]
    /\ IF lwpWexit[l]
         THEN /\ Go(t, "killlwps.hold_lwp", tok[t], {})
              /\ UNCHANGED <<lwpWexit, sigkill>>
         ELSE /\ lwpWexit' = [lwpWexit EXCEPT ![l] = TRUE]
              /\ sigkill' = [sigkill EXCEPT ![l] = TRUE]
              \* lwp_signotify: an lwp in a PCATCH sleep is made runnable
              /\ pc' = [pc EXCEPT ![t] = "killlwps.hold_lwp"]
              /\ tokOk' = [tokOk EXCEPT ![t] = TRUE]
              /\ asleep' = [asleep EXCEPT ![t] = FALSE]
              /\ wchan' = [wchan EXCEPT ![l] = IF pc[l] = "kern_wait.done" /\ asleep[l]
                                                   THEN NoChan ELSE @]
              /\ UNCHANGED tok
    /\ UNCHANGED <<loc, lwpWstop, exitsig, deadlwps, procv, zombHolders, masters, reapCount,
                   lwpFreed>>
    /\ UNCHANGED stopv

(* seed 000:276-281: wakeup(p), so tstop sleepers (and, as a shared ident,*)
(* kern_wait sleepers of p) wake up.                                       *)
killlwps_wakeup_stop(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killlwps.wakeup_stop" /\ Runnable(t)
    /\ Go(t, "killlwps.sleep_nthreads", tok[t], {ProcChan(p)})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:282-283: while (p_nthreads > 1) tsleep(&p_nthreads, 0,       *)
(* "killlwps", 0). Registered before p_token is dropped; the decrement in *)
(* lwp_exit is under p_token and its wakeup after (H3). Uninterruptible.  *)
killlwps_sleep_nthreads(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killlwps.sleep_nthreads" /\ Runnable(t)
    /\ IF nthreads[p] > 1
         THEN GoSleep(t, "killlwps.sleep_nthreads", tok[t], NthreadsChan(p), {})
         ELSE Go(t, "killalllwps.finish", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:226-246: undo the fakestop (current: only if WSTOP is still   *)
(* set; seed 001:227-231 unconditionally -- the same here, since no core  *)
(* dump is modelled); release the tokens taken (p_token recursively: exit1 *)
(* still holds it); return 0.                                              *)
killalllwps_finish(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "killalllwps.finish" /\ Runnable(t)
    /\ IF lwpWstop[t] \/ ~Current
         THEN /\ lwpWstop' = [lwpWstop EXCEPT ![t] = FALSE]
              /\ nstopped' = [nstopped EXCEPT ![p] = @ - 1]
         ELSE UNCHANGED <<lwpWstop, nstopped>>
    /\ Go(t, "exit1.postexit", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, sigkill, exitsig, deadlwps, pstat, wexit, postexit,
                   nthreads, plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:345-372: STOPEVENT, P_POSTEXIT, p_xstat, at_exit callbacks,   *)
(* clear the signal lists.                                                 *)
exit1_postexit(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.postexit" /\ Runnable(t)
    /\ postexit' = [postexit EXCEPT ![p] = TRUE]
    /\ sigkill' = [sigkill EXCEPT ![t] = FALSE]
    /\ Go(t, "exit1.fdfree", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, lwpWstop, exitsig, deadlwps, pstat, wexit, nthreads,
                   plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr, children,
                   nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:374-396: fdfree "may block": every token is lost for a while. *)
exit1_fdfree(t) ==
    /\ pc[t] = "exit1.fdfree" /\ Runnable(t)
    /\ GoBlock(t, "exit1.vmspace_relexit", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:398-436: lwkt_reltoken(p_token); vmspace_relexit;             *)
(* lwkt_gettoken(p_token). The session/fixjobc/ppwait steps that follow   *)
(* (seed 000:438-508) change nothing modelled: stuttering.                 *)
exit1_vmspace_relexit(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.vmspace_relexit" /\ Runnable(t)
    /\ GoGet(t, CASE Bug = "wakeup_before_zombie" -> "exit1.waitgen_bump"
                 [] ppwait[p] /\ Bug # "ppwait_after_reap1" -> "exit1.ppwait"
                 [] OTHER -> "exit1.reap1",
             tok[t] \ {p}, p, {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:503-508 (label exit1.ppwait): P_PPWAIT set: clear it          *)
(* atomically and wakeup(p_pptr), BEFORE the zombie move, whose reap1     *)
(* would otherwise wait for the vfork parent's PHOLD (H8). A stuttering    *)
(* step when P_PPWAIT is clear. Mutant ppwait_after_reap1: done after the *)
(* zombie move instead.                                                    *)
exit1_ppwait(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.ppwait" /\ Runnable(t)
    /\ ppwait' = [ppwait EXCEPT ![p] = FALSE]
    /\ Go(t, IF Bug = "ppwait_after_reap1" THEN "exit1.waitgen_bump" ELSE "exit1.reap1", tok[t],
          {ProcChan(pptr[p])})
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, ownsReaper, ghost, lwph>>
    /\ UNCHANGED stopv

(* The vfork parent in start_forked_proc (notes 1.15, P_PPWAIT; impl step *)
(* label vfork.ppwait): tsleep_interlock(parent), re-check the child's    *)
(* P_PPWAIT atomically, sleep; once clear, PRELE the child and return.    *)
vfork_ppwait(t) ==
    LET c == VforkChild(t) IN
    /\ pc[t] = "vfork.ppwait" /\ Runnable(t)
    /\ IF ppwait[c]
         THEN /\ GoSleep(t, "vfork.ppwait", tok[t], ProcChan(Owner[t]), {})
              /\ UNCHANGED <<pcnt, pwaiting>>
         ELSE /\ pcnt' = [pcnt EXCEPT ![c] = @ - 1]
              /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]
              /\ Go(t, "syscall.idle", tok[t], PreleWakes(c))
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres, waitgen,
                   pptr, children, nstopped, ownsReaper, ppwait, ghost, lwph>>
    /\ UNCHANGED stopv

(* proc_move_allproc_zombie (notes 1.11), called at seed 000:523:          *)
(* PSTALL(p, "reap1", 0): sleep on &p_lock with WAITING set until nobody  *)
(* holds p -- including every exited non-master lwp, whose lwp_exit hold  *)
(* lasts until lwp_dispose (H7).                                           *)
exit1_reap1(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.reap1" /\ Runnable(t)
    /\ IF pcnt[p] > 0
         THEN /\ pwaiting' = [pwaiting EXCEPT ![p] = TRUE]
              /\ GoSleep(t, "exit1.reap1", tok[t], PlockChan(p), {})
         ELSE /\ Go(t, "exit1.reap1a", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* notes 1.11: take proc_token; PSTALL(p, "reap1a", 0) (proc_token is not *)
(* modelled: pfind/allproc scans are not).                                 *)
exit1_reap1a(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.reap1a" /\ Runnable(t)
    /\ IF pcnt[p] > 0
         THEN /\ pwaiting' = [pwaiting EXCEPT ![p] = TRUE]
              /\ GoSleep(t, "exit1.reap1a", tok[t], PlockChan(p), {})
         ELSE /\ Go(t, "exit1.move_zombie", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:510-523: p_stat = SZOMB (still under proc_token, right after  *)
(* reap1a succeeded). Mutant wakeup_before_zombie: the waitgen bump and   *)
(* the parent's signal and wakeup were issued before this step, so after   *)
(* it the master goes straight to reaper_get and no wakeup follows.        *)
exit1_move_zombie(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "exit1.move_zombie" /\ Runnable(t)
    /\ pstat' = [pstat EXCEPT ![p] = "zomb"]
    /\ Go(t, CASE Bug = "wakeup_before_zombie" -> "exit1.reaper_get"
             [] ppwait[p] /\ Bug = "ppwait_after_reap1" -> "exit1.ppwait"
             [] OTHER -> "exit1.waitgen_bump",
          tok[t], {})
    /\ UNCHANGED <<loc, lwpv, wexit, postexit, nthreads, plwps, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:524-526: pp = p->p_pptr; atomic_add_long(&pp->p_waitgen, 1).  *)
(* No token of pp is needed: this races with the parent's scan (H9).      *)
(* Folded in: seed 000:528-533 (exit1.reaper_exit) reaper_exit(p): a      *)
(* process that owns a reaper node disowns it (r->p = NULL), so later     *)
(* reaper_get calls skip it (init never disowns, REALINIT).               *)
exit1_waitgen_bump(t) ==
    LET p == Owner[t]
        pp == pptr[p]
    IN
    /\ pc[t] = "exit1.waitgen_bump" /\ Runnable(t)
    /\ waitgen' = [waitgen EXCEPT ![pp] = @ + 1]
    /\ ownsReaper' = IF p = InitProc THEN ownsReaper ELSE [ownsReaper EXCEPT ![p] = FALSE]
    /\ Touch({pp})
    /\ Go(t, IF Bug = "wakeup_before_zombie" THEN "exit1.hold_parent" ELSE "exit1.reaper_get",
          tok[t], {})
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, pwaiting, pptr, children, nstopped, zombHolders, masters,
                   reapCount, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* Where the master goes after the children loop: signal the parent, or,  *)
(* in mutant wakeup_before_zombie (which did that before reap1), lwp_exit. *)
AfterChildren(p) ==
    CASE Bug = "wakeup_before_zombie" -> "exit1.call_lwp_exit"
      [] pptr[p] \in NoCldWait -> "exit1.cldwait_reparent"
      [] OTHER -> "exit1.hold_parent"

(* seed 000:535-546: if there are children, reproc = reaper_get(reap):    *)
(* walk up the reaper chain to a node whose process still owns it (one    *)
(* level here, then init) and PHOLD it; take reproc->p_token. reaper_get  *)
(* does not check whether that process is exiting (H23).                  *)
ReaperGet(p) == IF ownsReaper[ReaperOf[p]] THEN ReaperOf[p] ELSE InitProc

exit1_reaper_get(t) ==
    LET p == Owner[t]
        r == ReaperGet(p)
    IN
    /\ pc[t] = "exit1.reaper_get" /\ Runnable(t)
    /\ IF children[p] = {}
         THEN /\ Go(t, AfterChildren(p), tok[t], {})
              /\ UNCHANGED <<pcnt, uaf, lrep>>
         ELSE /\ pcnt' = [pcnt EXCEPT ![r] = @ + 1]
              /\ lrep' = [lrep EXCEPT ![t] = r]
              /\ Touch({r})
              /\ GoGet(t, "exit1.hold_child", tok[t], r, {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, nstopped, ownsReaper, zombHolders, masters, reapCount, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:547-549: q = LIST_FIRST(&p->p_children); PHOLD(q);            *)
(* lwkt_gettoken(&q->p_token) (may block). When the list is empty:        *)
(* seed 000:572-574 (exit1.children_done) release reproc->p_token,        *)
(* wakeup(reproc); and seed 000:603-607 (exit1.drop_reaper) PRELE(reproc) *)
(* are folded into this step. Mutant reparent_no_child_token: q's token   *)
(* is not taken.                                                           *)
exit1_hold_child(t) ==
    LET p == Owner[t]
        r == lrep[t]
    IN
    /\ pc[t] = "exit1.hold_child" /\ Runnable(t)
    /\ IF children[p] = {}
         THEN /\ pcnt' = [pcnt EXCEPT ![r] = @ - 1]
              /\ pwaiting' = [pwaiting EXCEPT ![r] = FALSE]
              /\ Go(t, AfterChildren(p), tok[t] \ {r}, {ProcChan(r)} \cup PreleWakes(r))
              /\ UNCHANGED lchild
         ELSE LET q == Min(children[p]) IN
              /\ lchild' = [lchild EXCEPT ![t] = q]
              /\ pcnt' = [pcnt EXCEPT ![q] = @ + 1]
              /\ UNCHANGED pwaiting
              /\ IF Bug = "reparent_no_child_token"
                   THEN Go(t, "exit1.move_child", tok[t], {})
                   ELSE GoGet(t, "exit1.move_child", tok[t], q, {})
    /\ UNCHANGED <<llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pzomb, pwaitres, waitgen, pptr,
                   children, nstopped, ghost, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:550-571: if q is no longer first, release and retry (H16,     *)
(* H18); else move q to reproc (p_pptr, p_sigparent = SIGCHLD), release   *)
(* q's token, PRELE(q).                                                    *)
exit1_move_child(t) ==
    LET p == Owner[t]
        r == lrep[t]
        q == lchild[t]
    IN
    /\ pc[t] = "exit1.move_child" /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![q] = @ - 1]
    /\ pwaiting' = [pwaiting EXCEPT ![q] = FALSE]
    /\ IF children[p] # {} /\ q = Min(children[p])
         THEN /\ children' = [children EXCEPT ![p] = @ \ {q}, ![r] = @ \cup {q}]
              /\ pptr' = [pptr EXCEPT ![q] = r]
         ELSE UNCHANGED <<children, pptr>>
    /\ Go(t, "exit1.hold_child", tok[t] \ {q}, PreleWakes(q))
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:589-602: the parent ignores SIGCHLD (PS_NOCLDWAIT or          *)
(* PS_CLDSIGIGN): reproc (reaper_get again if the children loop did not    *)
(* run: held) and proc_reparent(p, reproc), seed 000:1457-1489, whose      *)
(* PHOLD(parent) is the same hold here. The PRELE(reproc) of              *)
(* exit1.drop_reaper ends proc_reparent.                                   *)
exit1_cldwait_reparent(t) ==
    LET p == Owner[t]
        r == ReaperGet(p)
    IN
    /\ pc[t] = "exit1.cldwait_reparent" /\ Runnable(t)
    /\ lrep' = [lrep EXCEPT ![t] = r]
    /\ pcnt' = [pcnt EXCEPT ![r] = @ + 1]
    /\ Touch({r})
    /\ Go(t, "proc_reparent.hold", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, nstopped, ownsReaper, ppwait, zombHolders, masters, reapCount, lwph>>
    /\ UNCHANGED stopv

(* seed 000:1463-1465: while ((opp = child->p_pptr) != parent): PHOLD(opp); *)
(* when opp is the new parent: PRELE(parent) and return.                   *)
proc_reparent_hold(t) ==
    LET p == Owner[t]
        r == lrep[t]
        opp == pptr[p]
    IN
    /\ pc[t] = "proc_reparent.hold" /\ Runnable(t)
    /\ IF opp = r
         THEN /\ pcnt' = [pcnt EXCEPT ![r] = @ - 1]
              /\ pwaiting' = [pwaiting EXCEPT ![r] = FALSE]
              /\ Go(t, "exit1.hold_parent", tok[t], PreleWakes(r))
              /\ UNCHANGED lchild
         ELSE /\ pcnt' = [pcnt EXCEPT ![opp] = @ + 1]
              /\ lchild' = [lchild EXCEPT ![t] = opp]
              /\ Go(t, "proc_reparent.get_tokens", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lrep, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pzomb, pwaitres, waitgen, pptr, children,
                   nstopped, ownsReaper, ppwait, ghost, lwph>>
    /\ UNCHANGED stopv

(* seed 000:1466-1468: take opp's, the child's and the parent's p_tokens  *)
(* (the child's is already held by exit1: recursive); may block.          *)
proc_reparent_get_tokens(t) ==
    /\ pc[t] = "proc_reparent.get_tokens" /\ Runnable(t)
    /\ GoGetAll(t, "proc_reparent.move", tok[t], {lchild[t], Owner[t], lrep[t]}, {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost, lwph>>
    /\ UNCHANGED stopv

(* seed 000:1469-1488: if child->p_pptr changed meanwhile (H16/H18),      *)
(* release and retry; else move the child to parent's list. Release, wake *)
(* opp if its list is now empty, PRELE(opp), loop. Mutant                 *)
(* reparent_no_recheck: no re-check.                                        *)
proc_reparent_move(t) ==
    LET p == Owner[t]
        r == lrep[t]
        opp == lchild[t]
        moved == pptr[p] = opp \/ Bug = "reparent_no_recheck"
        left == IF moved THEN children[opp] \ {p} ELSE children[opp]
    IN
    /\ pc[t] = "proc_reparent.move" /\ Runnable(t)
    /\ IF moved
         THEN /\ children' = [children EXCEPT ![opp] = @ \ {p}, ![r] = @ \cup {p}]
              /\ pptr' = [pptr EXCEPT ![p] = r]
         ELSE UNCHANGED <<children, pptr>>
    /\ pcnt' = [pcnt EXCEPT ![opp] = @ - 1]
    /\ pwaiting' = [pwaiting EXCEPT ![opp] = FALSE]
    /\ Touch({opp, r})
    /\ Go(t, "proc_reparent.hold", (tok[t] \ {opp, r}) \cup {p},
          PreleWakes(opp) \cup (IF moved /\ left = {} THEN {ProcChan(opp)} ELSE {}))
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres, waitgen,
                   nstopped, ownsReaper, ppwait, zombHolders, masters, reapCount, lwph>>
    /\ UNCHANGED stopv

(* seed 000:608-612: pp = p->p_pptr (reloaded); PHOLD(pp). Then ksignal   *)
(* takes pp->p_token (lwpsignal, notes 1.9 second layer). Mutants         *)
(* no_waitgen / no_ksignal_token_only: ksignal does not take pp's token.  *)
exit1_hold_parent(t) ==
    LET p == Owner[t]
        pp == pptr[p]
    IN
    /\ pc[t] = "exit1.hold_parent" /\ Runnable(t)
    /\ lpp' = [lpp EXCEPT ![t] = pp]
    /\ pcnt' = [pcnt EXCEPT ![pp] = @ + 1]
    /\ Touch({pp})
    /\ IF Bug \in {"no_waitgen", "no_ksignal_token_only"}
         THEN Go(t, "exit1.signal_parent", tok[t], {})
         ELSE GoGet(t, "exit1.signal_parent", tok[t], pp, {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lret, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pzomb, pwaitres, pwaiting, waitgen,
                   pptr, children, nstopped, zombHolders, masters, reapCount, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:613-623: ksignal(pp, SIGCHLD) (default disposition: ignored,  *)
(* so no sleeper is interrupted); release pp's token; clear P_TRACED;     *)
(* PRELE(pp). Mutant wakeup_before_zombie: runs before exit1.reap1 and    *)
(* also issues the parent wakeup there.                                    *)
exit1_signal_parent(t) ==
    LET p == Owner[t]
        pp == lpp[t]
        early == Bug = "wakeup_before_zombie"
    IN
    /\ pc[t] = "exit1.signal_parent" /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![pp] = @ - 1]
    /\ pwaiting' = [pwaiting EXCEPT ![pp] = FALSE]
    /\ Touch({pp})
    /\ Go(t, IF early THEN "exit1.reap1" ELSE "exit1.call_lwp_exit", tok[t] \ {pp},
          PreleWakes(pp) \cup (IF early THEN {ProcChan(pp)} ELSE {}))
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, pptr, children, nstopped, zombHolders, masters, reapCount, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:625-649: free p_limit; lwp_exit(1, pp).                        *)
exit1_call_lwp_exit(t) ==
    /\ pc[t] = "exit1.call_lwp_exit" /\ Runnable(t)
    /\ lmaster' = [lmaster EXCEPT ![t] = TRUE]
    /\ lpp' = [lpp EXCEPT ![t] = IF Bug = "wakeup_before_zombie" THEN NoProc ELSE @]
    /\ Go(t, "lwp_exit.enter", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, ldowake, lret, lwpv, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

-----------------------------------------------------------------------------
(***************************************************************************)
(* lwp_exit (seed 000:657-794), reaplwps / lwp_wait / lwp_dispose          *)
(***************************************************************************)

(* seed 000:657-682: release curproc, lwp_userunmap (takes lwp_token: may  *)
(* block, losing p_token -- the H22 window), own LWP_MP_WEXIT.             *)
(* p_token is held (ASSERT_LWKT_TOKEN_HELD). The cleanup and lwp_lock     *)
(* polling steps that follow (seed 000:684-728) are stuttering here.      *)
lwp_exit_enter(t) ==
    /\ pc[t] = "lwp_exit.enter" /\ Runnable(t)
    /\ lwpWexit' = [lwpWexit EXCEPT ![t] = TRUE]
    /\ \/ Go(t, "lwp_exit.lwpexit_poll", tok[t], {})
       \/ GoBlock(t, "lwp_exit.lwpexit_poll", tok[t], {})
    /\ UNCHANGED <<loc, lwpWstop, sigkill, exitsig, deadlwps, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:724-728: while (lp->lwp_lock > 0) tsleep(lp, 0, "lwpexit", 1):*)
(* nobody wakes it, it polls every tick (PollDone); tokens are lost.       *)
lwp_exit_lwpexit_poll(t) ==
    /\ pc[t] = "lwp_exit.lwpexit_poll" /\ Runnable(t)
    /\ IF lwpLock[t] > 0
         THEN GoSleep(t, "lwp_exit.lwpexit_poll", tok[t], <<"lwp", t>>, {})
         ELSE Go(t, "lwp_exit.hold_proc", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost, lwph>>
    /\ UNCHANGED stopv

(* seed 000:730-745: ruadd; PHOLD(p), held until lwp_dispose (H15).       *)
lwp_exit_hold_proc(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "lwp_exit.hold_proc" /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![p] = @ + 1]
    /\ Go(t, IF lmaster[t] THEN "lwp_exit.master_dec" ELSE "lwp_exit.remove_nonmaster",
          tok[t], {})
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* dowake: wake &p_nthreads when P_MAYBETHREADED (always set: notes 1.15) *)
(* and p_nthreads <= 1. Mutant no_nthreads_wakeup: never.                  *)
DoWake(n) == Bug # "no_nthreads_wakeup" /\ n <= 1

(* seed 000:759-765: RB-remove from p_lwp_tree; --p_nthreads; dowake.     *)
lwp_exit_remove_nonmaster(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "lwp_exit.remove_nonmaster" /\ Runnable(t)
    /\ plwps' = [plwps EXCEPT ![p] = @ \ {t}]
    /\ nthreads' = [nthreads EXCEPT ![p] = @ - 1]
    /\ ldowake' = [ldowake EXCEPT ![t] = DoWake(nthreads[p] - 1)]
    /\ Go(t, "lwp_exit.deadlwp_queue", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, lpp, lret, lwpv, pstat,
                   wexit, postexit, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, nstopped, ghost, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:766-769: push on deadlwp_list and enqueue the reaper task.    *)
lwp_exit_deadlwp_queue(t) ==
    /\ pc[t] = "lwp_exit.deadlwp_queue" /\ Runnable(t)
    /\ deadlwps' = deadlwps \cup {t}
    /\ Go(t, "lwp_exit.release_token", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, lwpWstop, sigkill, exitsig, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:770-773: master: --p_nthreads (to 0), dowake; stays in tree. *)
lwp_exit_master_dec(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "lwp_exit.master_dec" /\ Runnable(t)
    /\ nthreads' = [nthreads EXCEPT ![p] = @ - 1]
    /\ ldowake' = [ldowake EXCEPT ![t] = DoWake(nthreads[p] - 1)]
    /\ Go(t, "lwp_exit.release_token", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, lpp, lret, lwpv, pstat,
                   wexit, postexit, plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr,
                   children, nstopped, ghost, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:775-782: lwkt_reltoken(&p->p_token) (every token released).   *)
lwp_exit_release_token(t) ==
    /\ pc[t] = "lwp_exit.release_token" /\ Runnable(t)
    /\ Go(t, "lwp_exit.late_wakeup", {}, {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:784-792: late wakeups, after the token release on purpose:    *)
(* wakeup(&p_nthreads) if dowake; wakeup(waddr = pp) for the master. pp   *)
(* may be stale: waking a stale ident is harmless. Mutant early_lwp_prele *)
(* (H15): the lwp's PHOLD is dropped here instead of in lwp_dispose.       *)
lwp_exit_late_wakeup(t) ==
    LET p == Owner[t]
        early == Bug = "early_lwp_prele"
    IN
    /\ pc[t] = "lwp_exit.late_wakeup" /\ Runnable(t)
    /\ pcnt' = IF early THEN [pcnt EXCEPT ![p] = @ - 1] ELSE pcnt
    /\ pwaiting' = IF early THEN [pwaiting EXCEPT ![p] = FALSE] ELSE pwaiting
    /\ Go(t, "lwp_exit.switch_out", {},
          (IF ldowake[t] THEN {NthreadsChan(p)} ELSE {})
          \cup (IF lmaster[t] /\ lpp[t] # NoProc THEN {ProcChan(lpp[t])} ELSE {})
          \cup (IF early THEN PreleWakes(p) ELSE {}))
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, pptr, children, nstopped, ghost, lwph, ownsReaper, ppwait>>
    /\ UNCHANGED stopv

(* seed 000:794 (notes 4.3 step 10): cpu_lwp_exit sets TDF_EXITING and    *)
(* switches away for good.                                                 *)
lwp_exit_switch_out(t) ==
    /\ pc[t] = "lwp_exit.switch_out" /\ Runnable(t)
    /\ Go(t, "lwp_exit.exitsig", {}, {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* notes 4.3 step 10: lwkt_switch_return on the next thread sets          *)
(* TDF_MP_EXITSIG and wakeup(td): the thread may now be freed.             *)
lwp_exit_exitsig(t) ==
    /\ pc[t] = "lwp_exit.exitsig" /\ Runnable(t)
    /\ exitsig' = [exitsig EXCEPT ![t] = TRUE]
    /\ Go(t, "dead", {}, {TdChan(t)})
    /\ UNCHANGED <<loc, lwpWexit, lwpWstop, sigkill, deadlwps, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1541-1552: the per-cpu reaper task pops the next dead lwp     *)
(* (under deadlwp_token, not modelled) and calls reaplwp on it. Its idle  *)
(* sleep (reaplwps.idle) is the absence of this step.                     *)
reaplwps_pop(t) ==
    /\ pc[t] = "reaplwps.idle" /\ Runnable(t) /\ deadlwps # {}
    /\ llwp' = [llwp EXCEPT ![t] = Min(deadlwps)]
    /\ deadlwps' = deadlwps \ {Min(deadlwps)}
    /\ Go(t, "lwp_wait.exitsig", tok[t], {})
    /\ UNCHANGED <<lchild, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret,
                   lwpWexit, lwpWstop, sigkill, exitsig, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:824-836: loop until TDF_MP_EXITSIG: tsleep_interlock(td),     *)
(* (mutant no_exitsig_wait: does not wait, H14)                            *)
(* CAS TDF_MP_EXITWAIT, tsleep(td, PINTERLOCKED, "lwpxt"). The            *)
(* lwp_lock/td_refs/td_flags checks (seed 000:838-871) always pass here.  *)
lwp_wait_exitsig(t) ==
    LET l == llwp[t] IN
    /\ pc[t] = "lwp_wait.exitsig" /\ Runnable(t)
    /\ IF exitsig[l] \/ Bug = "no_exitsig_wait"
         THEN Go(t, "lwp_dispose.free", tok[t], {})
         ELSE GoSleep(t, "lwp_wait.exitsig", tok[t], TdChan(l), {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:879-900: PRELE(lp->lwp_proc) drops the lwp_exit hold; free.   *)
(* Returns to the caller of reaplwp: the reaper task or kern_wait.         *)
lwp_dispose_free(t) ==
    LET l == llwp[t]
        p == Owner[l]
    IN
    /\ pc[t] = "lwp_dispose.free" /\ Runnable(t)
    /\ IF Bug = "early_lwp_prele"
         THEN /\ Go(t, IF Role[t] = "lwpreaper" THEN "reaplwps.idle" ELSE "kern_wait.zomblwp_poll",
                    tok[t], {})
              /\ UNCHANGED <<pcnt, pwaiting>>
         ELSE /\ pcnt' = [pcnt EXCEPT ![p] = @ - 1]
              /\ pwaiting' = [pwaiting EXCEPT ![p] = FALSE]
              /\ Go(t, IF Role[t] = "lwpreaper" THEN "reaplwps.idle" ELSE "kern_wait.zomblwp_poll",
                    tok[t], PreleWakes(p))
    /\ Touch({p})
    /\ lwpFreed' = lwpFreed \cup {l}
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, pptr, children, nstopped, zombHolders, masters, reapCount, lwpLock, ownsReaper, ppwait>>
    /\ UNCHANGED stopv

(* notes 4.2(b): back in user mode with LWP_MP_WEXIT set: lwpuserret      *)
(* takes p_token and calls lwp_exit(0, NULL).                              *)
userret_lwpuserret(t) ==
    /\ pc[t] = "syscall.idle" /\ Runnable(t) /\ t \in Lwps /\ lwpWexit[t]
    /\ lmaster' = [lmaster EXCEPT ![t] = FALSE]
    /\ lpp' = [lpp EXCEPT ![t] = NoProc]
    /\ GoGet(t, "lwp_exit.enter", {}, Owner[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, ldowake, lret, lwpv, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* STOPLWP(p, lp) (notes 1.15): p is stopped and lp is not flagged to     *)
(* exit -- an lwp flagged for exit never stays in tstop (H5). Mutant       *)
(* stoplwp_no_wexit: the WEXIT term is dropped.                            *)
STOPLWP(p, l) == pstopped[p] /\ (~lwpWexit[l] \/ Bug = "stoplwp_no_wexit")

(* notes 1.16, userret after lwpuserret: STOPLWP -> tstop: count self as   *)
(* stopped (LWP_MP_WSTOP, ++p_nstopped) and sleep on p (interlocked under  *)
(* lwp_token). The parent notification of the last stopper is not          *)
(* modelled (no WUNTRACED report in this model).                           *)
userret_tstop(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "syscall.idle" /\ Runnable(t) /\ t \in Lwps /\ ~lwpWexit[t] /\ STOPLWP(p, t)
    /\ lwpWstop' = [lwpWstop EXCEPT ![t] = TRUE]
    /\ nstopped' = [nstopped EXCEPT ![p] = @ + 1]
    /\ GoSleep(t, "userret.tstop_sleep", tok[t], ProcChan(p), {})
    /\ UNCHANGED <<loc, lwpWexit, sigkill, exitsig, deadlwps, pstat, wexit, postexit, nthreads,
                   plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr, children, ownsReaper,
                   ppwait, ghost, lwph, stopv>>

(* tstop, after a wakeup on p: still STOPLWP -> sleep again; else          *)
(* --p_nstopped, clear WSTOP and go on with userret.                       *)
userret_tstop_sleep(t) ==
    LET p == Owner[t] IN
    /\ pc[t] = "userret.tstop_sleep" /\ Runnable(t)
    /\ IF STOPLWP(p, t)
         THEN /\ GoSleep(t, "userret.tstop_sleep", tok[t], ProcChan(p), {})
              /\ UNCHANGED <<lwpWstop, nstopped>>
         ELSE /\ lwpWstop' = [lwpWstop EXCEPT ![t] = FALSE]
              /\ nstopped' = [nstopped EXCEPT ![p] = @ - 1]
              /\ Go(t, "syscall.idle", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, sigkill, exitsig, deadlwps, pstat, wexit, postexit, nthreads,
                   plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen, pptr, children, ownsReaper,
                   ppwait, ghost, lwph, stopv>>

(* notes 4.2: a pending SIGKILL reaches postsig before lwpuserret (the lwp *)
(* has no LWP_MP_WEXIT, e.g. created in the H21 window): sigexit -> exit1. *)
userret_postsig(t) ==
    /\ pc[t] = "syscall.idle" /\ Runnable(t) /\ t \in Lwps /\ sigkill[t] /\ ~lwpWexit[t]
    /\ Go(t, "exit1.enter", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost, lwph>>
    /\ UNCHANGED stopv

(* lwp_create (notes 4.1, H21): the creating thread enters the kernel and  *)
(* takes p_token (syscall.enter); lwp_create1 runs lwp_fork1, which copies *)
(* the creator's lwp_siglist into the new lwp (a SIGKILL already pending   *)
(* is inherited), then lwp_fork2, whose lwkt_alloc_thread may block        *)
(* (every token lost) before the new lwp is inserted into p_lwp_tree with  *)
(* ++p_nthreads (lwp_create1.insert; the implementation has the same two *)
(* steps, impl/dragonfly/driver.ts). lwp_create1 checks                     *)
(* neither P_WEXIT nor its own LWP_MP_WEXIT.                               *)
NewLwp(t) == CHOOSE n \in Threads : Role[n] = "newlwp" /\ Owner[n] = Owner[t]

(* The creating thread enters lwp_create (kern_fork.c, outside the seed;   *)
(* notes 4.1) and takes p_token.                                            *)
syscall_enter(t) ==
    /\ pc[t] = "syscall.enter" /\ Runnable(t) /\ Role[t] = "lwpcreate"
    /\ GoGet(t, "lwp_create1.create", tok[t], Owner[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost, lwph>>
    /\ UNCHANGED stopv

lwp_create1_create(t) ==
    /\ pc[t] = "lwp_create1.create" /\ Runnable(t)
    /\ sigkill' = [sigkill EXCEPT ![NewLwp(t)] = sigkill[t]]
    /\ \/ Go(t, "lwp_create1.insert", tok[t], {})
       \/ GoBlock(t, "lwp_create1.insert", tok[t], {})
    /\ UNCHANGED <<loc, lwpWexit, lwpWstop, exitsig, deadlwps, procv, ghost, lwph>>
    /\ UNCHANGED stopv

lwp_create1_insert(t) ==
    LET p == Owner[t]
        n == NewLwp(t)
    IN
    /\ pc[t] = "lwp_create1.insert" /\ Runnable(t)
    /\ plwps' = [plwps EXCEPT ![p] = @ \cup {n}]
    /\ nthreads' = [nthreads EXCEPT ![p] = @ + 1]
    /\ pc' = [pc EXCEPT ![t] = "syscall.idle", ![n] = "syscall.idle"]
    /\ tok' = [tok EXCEPT ![t] = {}]
    /\ tokOk' = [tokOk EXCEPT ![t] = TRUE]
    /\ asleep' = [asleep EXCEPT ![t] = FALSE]
    /\ UNCHANGED <<wchan, loc, lwpv, pstat, wexit, postexit, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, ownsReaper, ghost, lwph, ppwait>>
    /\ UNCHANGED stopv

-----------------------------------------------------------------------------
(***************************************************************************)
(* kern_wait (seed 000:989-1440; seed 001:891-1200), idtype P_ALL          *)
(***************************************************************************)

ReleaseQ(t) == tok[t] \ {Owner[t]}

(* seed 000:1014-1040: lwkt_gettoken(&q->p_token); loop: (STOPLWP not    *)
(* modelled). Also the target of every "goto loop". The option checks and *)
(* sys_wait4/sys_wait6 entry steps are stuttering here.                    *)
kern_wait_loop(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.loop" /\ Runnable(t)
    /\ lret' = [lret EXCEPT ![t] = R("none")]
    /\ GoGet(t, "kern_wait.sample_waitgen", tok[t], q, {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1041-1049: nfound = 0; waitgen = atomic_fetchadd(&q->p_waitgen,*)
(* 0x80000000) -- a fenced read of the low 31 bits.                        *)
kern_wait_sample_waitgen(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.sample_waitgen" /\ Runnable(t)
    /\ lgen' = [lgen EXCEPT ![t] = waitgen[q]]
    /\ lscan' = [lscan EXCEPT ![t] = {}]
    /\ lnfound' = [lnfound EXCEPT ![t] = FALSE]
    /\ Go(t, "kern_wait.scan_child", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lmaster, ldowake, lpp, lret, lwpv, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1050-1126: the next child in list order. Current: skip it if  *)
(* PWAITRES_PENDING; P_ALL filter takes PHOLD(p); nfound++. f2a91d31      *)
(* (seed 001:940-960): no WAITRES, no PHOLD.                               *)
kern_wait_scan_child(t) ==
    /\ pc[t] = "kern_wait.scan_child" /\ Runnable(t)
    /\ children[Owner[t]] \ lscan[t] # {}
    /\ LET c == Min(children[Owner[t]] \ lscan[t]) IN
       /\ lscan' = [lscan EXCEPT ![t] = @ \cup {c}]
       /\ IF Current /\ pwaitres[c]
            THEN /\ Go(t, "kern_wait.scan_child", tok[t], {})
                 /\ UNCHANGED <<lchild, lnfound, pcnt>>
            ELSE /\ lchild' = [lchild EXCEPT ![t] = c]
                 /\ lnfound' = [lnfound EXCEPT ![t] = TRUE]
                 /\ pcnt' = IF Current THEN [pcnt EXCEPT ![c] = @ + 1] ELSE pcnt
                 /\ Go(t, IF pstat[c] = "zomb" THEN "kern_wait.pholdzomb" ELSE "kern_wait.skip_child",
                       tok[t], {})
       /\ UNCHANGED <<llwp, lgen, lmaster, ldowake, lpp, lret, lwpv, pstat, wexit, postexit,
                      nthreads, plwps, pzomb, pwaitres, pwaiting, waitgen, pptr, children,
                      nstopped, ghost, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1409-1410: not reportable: PRELE(p), next child.               *)
kern_wait_skip_child(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.skip_child" /\ Runnable(t)
    /\ IF Current
         THEN /\ pcnt' = [pcnt EXCEPT ![c] = @ - 1]
              /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]
              /\ Go(t, "kern_wait.scan_child", tok[t], PreleWakes(c))
         ELSE /\ Go(t, "kern_wait.scan_child", tok[t], {})
              /\ UNCHANGED <<pcnt, pwaiting>>
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* PHOLDZOMB (notes 1.5), seed 000:1127-1146 (seed 001:961-980).          *)
(* Current: (a) neither ZOMB nor WAITRES: take count + ZOMB; (b) WAITRES: *)
(* fail at once; (c) ZOMB held: set WAITING, sleep on &p_lock, and fail   *)
(* after any wakeup. On failure the caller PRELEs its scan hold (current) *)
(* and goes to loop. f2a91d31: no WAITRES case, no scan hold.             *)
(* Mutant no_zombie_lock: always succeeds. Mutant no_pwaitres: the old    *)
(* body (no WAITRES case). On success the step ends with                  *)
(* lwkt_gettoken(&p->p_token) (seed 000:1147).                            *)
HasWaitres == Current /\ Bug # "no_pwaitres"

kern_wait_pholdzomb(t) ==
    LET c == lchild[t] IN
    /\ Runnable(t)
    /\ \/ /\ pc[t] = "kern_wait.pholdzomb"
          /\ \/ /\ (~pzomb[c] /\ ~pwaitres[c]) \/ Bug = "no_zombie_lock"
                /\ pzomb' = [pzomb EXCEPT ![c] = TRUE]
                /\ pcnt' = [pcnt EXCEPT ![c] = @ + 1]
                /\ zombHolders' = [zombHolders EXCEPT ![c] = @ \cup {t}]
                /\ GoGet(t, "kern_wait.zomb_token", tok[t], c, {})
                /\ Touch({c})
                /\ UNCHANGED pwaiting
             \/ /\ Bug # "no_zombie_lock" /\ HasWaitres /\ pwaitres[c]
                /\ pcnt' = [pcnt EXCEPT ![c] = @ - 1]
                /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]
                /\ Go(t, "kern_wait.loop", tok[t], PreleWakes(c))
                /\ Touch({c})
                /\ UNCHANGED <<pzomb, zombHolders>>
             \/ /\ Bug # "no_zombie_lock" /\ pzomb[c] /\ ~(HasWaitres /\ pwaitres[c])
                /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
                /\ GoSleep(t, "kern_wait.pholdzomb.slept", tok[t], PlockChan(c), {})
                /\ Touch({c})
                /\ UNCHANGED <<pzomb, pcnt, zombHolders>>
       \/ /\ pc[t] = "kern_wait.pholdzomb.slept"
          \* returned 1 without touching p; current: the caller's PRELE(p)
          \* (f2a91d31: p may be freed by now and is not touched.)
          /\ IF Current
               THEN /\ pcnt' = [pcnt EXCEPT ![c] = @ - 1]
                    /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]
                    /\ Go(t, "kern_wait.loop", tok[t], PreleWakes(c))
                    /\ Touch({c})
               ELSE /\ Go(t, "kern_wait.loop", tok[t], {})
                    /\ UNCHANGED <<pcnt, pwaiting, uaf>>
          /\ UNCHANGED <<pzomb, zombHolders>>
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pwaitres, waitgen,
                   pptr, children, nstopped, masters, reapCount, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* PRELEZOMB (notes 1.6): give back one count, clear ZOMB, WAITING and    *)
(* WAITRES, wake &p_lock sleepers if WAITING was set. Mutant              *)
(* prelezomb_keeps_waitres (H19): WAITRES stays set, so after a WNOWAIT   *)
(* report every later scan skips the zombie.                               *)
PrelezombProc(c) ==
    /\ pzomb' = [pzomb EXCEPT ![c] = FALSE]
    /\ pwaitres' = IF Bug = "prelezomb_keeps_waitres" THEN pwaitres ELSE [pwaitres EXCEPT ![c] = FALSE]
    /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]

(* seed 000:1147-1153: p_pptr != q: release, PRELE (current), PRELEZOMB,  *)
(* goto loop (H10/H18).                                                    *)
kern_wait_zomb_token(t) ==
    LET q == Owner[t]
        c == lchild[t]
    IN
    /\ pc[t] = "kern_wait.zomb_token" /\ Runnable(t)
    /\ IF pptr[c] # q
         THEN /\ pcnt' = [pcnt EXCEPT ![c] = @ - (IF Current THEN 2 ELSE 1)]
              /\ PrelezombProc(c)
              /\ zombHolders' = [zombHolders EXCEPT ![c] = @ \ {t}]
              /\ Go(t, "kern_wait.loop", tok[t] \ {c},
                    IF pwaiting[c] THEN {PlockChan(c)} ELSE {})
         ELSE /\ Go(t, IF HasWaitres THEN "kern_wait.waitres_set" ELSE "kern_wait.lwpzomb_sleep",
                    tok[t], {})
              /\ UNCHANGED <<pcnt, pzomb, pwaitres, pwaiting, zombHolders>>
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, waitgen, pptr,
                   children, nstopped, masters, reapCount, uaf, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1154-1159, PWAITRES_SET (notes 1.7): set WAITRES, clear       *)
(* WAITING and wake every pholdzomb sleeper, which then fails (H11).      *)
kern_wait_waitres_set(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.waitres_set" /\ Runnable(t)
    /\ pwaitres' = [pwaitres EXCEPT ![c] = TRUE]
    /\ pwaiting' = [pwaiting EXCEPT ![c] = FALSE]
    /\ Go(t, "kern_wait.lwpzomb_sleep", tok[t], IF pwaiting[c] THEN {PlockChan(c)} ELSE {})
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb, waitgen,
                   pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1160-1162: while (p_nthreads > 0) tsleep(&p_nthreads, 0,     *)
(* "lwpzomb", hz): a timed poll, resumed when p_nthreads = 0 (PollDone).  *)
kern_wait_lwpzomb_sleep(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.lwpzomb_sleep" /\ Runnable(t)
    /\ IF nthreads[c] > 0
         THEN GoSleep(t, "kern_wait.lwpzomb_sleep", tok[t], NthreadsChan(c), {})
         ELSE Go(t, "kern_wait.zomblwp_poll", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1164-1181: lp = RB_ROOT(&p->p_lwp_tree): the master lwp, left *)
(* in the tree by lwp_exit (the "zomblwp" lwp_lock poll always passes     *)
(* here). Empty tree: assert p_nthreads == 0 and go on to reap3.           *)
kern_wait_zomblwp_poll(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.zomblwp_poll" /\ Runnable(t)
    /\ IF plwps[c] = {}
         THEN /\ Go(t, "kern_wait.reap3", tok[t], {})
              /\ UNCHANGED llwp
         ELSE /\ llwp' = [llwp EXCEPT ![t] = Min(plwps[c])]
              /\ Go(t, "kern_wait.reap_master_lwp", tok[t], {})
    /\ UNCHANGED <<lchild, lgen, lscan, lnfound, lmaster, ldowake, lpp, lret, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1182-1185: RB-remove the lwp and reaplwp it (lwp_wait, then   *)
(* lwp_dispose, which returns to kern_wait.zomblwp_poll).                  *)
kern_wait_reap_master_lwp(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.reap_master_lwp" /\ Runnable(t)
    /\ plwps' = [plwps EXCEPT ![c] = @ \ {llwp[t]}]
    /\ Go(t, "lwp_wait.exitsig", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, pcnt, pzomb, pwaitres,
                   pwaiting, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* Threshold of PSTALL reap3/reap2/reap4/reap5: the reaper's own count    *)
(* (1 in seed 000:1199,1312,1316; 0 in seed 001:1024,1107,1111).          *)
(* Mutants: reap3_zero (0 in current: self-deadlock), reap3_two (one too  *)
(* many: a transient holder is ignored).                                   *)
ReapThreshold ==
    CASE Bug = "reap3_zero" -> 0
      [] Bug = "reap3_two" -> (IF Current THEN 2 ELSE 1)
      [] OTHER -> (IF Current THEN 1 ELSE 0)

(* seed 000:1187-1199: PRELE(p) (current: the loop-top hold; f2a91d31,    *)
(* seed 001:1020-1024: the PHOLDZOMB count, leaving only the ZOMB flag);  *)
(* then PSTALL(p, "reap3", n), re-checked after each wakeup (".stall").   *)
kern_wait_reap3(t) ==
    LET c == lchild[t]
        first == pc[t] = "kern_wait.reap3"
        cnt == IF first THEN pcnt[c] - 1 ELSE pcnt[c]
        wakes == IF first THEN PreleWakes(c) ELSE {}
    IN
    /\ pc[t] \in {"kern_wait.reap3", "kern_wait.reap3.stall"} /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![c] = cnt]
    /\ IF cnt > ReapThreshold
         THEN /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
              /\ GoSleep(t, "kern_wait.reap3.stall", tok[t], PlockChan(c), wakes)
         ELSE /\ pwaiting' = [pwaiting EXCEPT ![c] = IF first THEN FALSE ELSE @]
              /\ Go(t, IF "WNOWAIT" \in Opts[t] THEN "kern_wait.wnowait" ELSE "kern_wait.reap2",
                    tok[t], wakes)
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pzomb, pwaitres,
                   waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1224-1233: WNOWAIT: release p's token, PRELEZOMB, done: the   *)
(* zombie stays waitable. (The status/rusage/siginfo collection, seed     *)
(* 000:1201-1223, is stuttering here.)                                     *)
kern_wait_wnowait(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.wnowait" /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![c] = @ - 1]
    /\ PrelezombProc(c)
    /\ zombHolders' = [zombHolders EXCEPT ![c] = @ \ {t}]
    /\ lret' = [lret EXCEPT ![t] = <<"reported", c>>]
    /\ Go(t, "kern_wait.done", tok[t] \ {c}, IF pwaiting[c] THEN {PlockChan(c)} ELSE {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, waitgen, pptr, children, nstopped,
                   masters, reapCount, uaf, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* proc_remove_zombie (notes 1.11), called at seed 000:1257:              *)
(* PSTALL(p, "reap2", n).                                                  *)
kern_wait_reap2(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.reap2" /\ Runnable(t)
    /\ IF pcnt[c] > ReapThreshold
         THEN /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
              /\ GoSleep(t, "kern_wait.reap2", tok[t], PlockChan(c), {})
         ELSE /\ Go(t, "kern_wait.reap2a", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* notes 1.11: take proc_token (not modelled); PSTALL(p, "reap2a", n).    *)
kern_wait_reap2a(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.reap2a" /\ Runnable(t)
    /\ IF pcnt[c] > ReapThreshold
         THEN /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
              /\ GoSleep(t, "kern_wait.reap2a", tok[t], PlockChan(c), {})
         ELSE /\ Go(t, "kern_wait.remove_zombie", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1250-1260: unlink p from the parent's p_children, p_pptr =    *)
(* NULL (this is the reaping report: reapCount), proc_userunmap, release  *)
(* p's token. leavepgrp and the credential/rusage freeing (seed           *)
(* 000:1260-1296) are stuttering.                                          *)
kern_wait_remove_zombie(t) ==
    LET q == Owner[t]
        c == lchild[t]
    IN
    /\ pc[t] = "kern_wait.remove_zombie" /\ Runnable(t)
    /\ children' = IF pptr[c] \in Procs THEN [children EXCEPT ![pptr[c]] = @ \ {c}] ELSE children
    /\ pptr' = [pptr EXCEPT ![c] = NoProc]
    /\ reapCount' = [reapCount EXCEPT ![c] = @ + 1]
    /\ lret' = [lret EXCEPT ![t] = <<"reaped", c>>]
    /\ Touch({c})
    /\ Go(t, "kern_wait.reap4", tok[t] \ {c}, {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, pstat,
                   wexit, postexit, nthreads, plwps, pcnt, pzomb, pwaitres, pwaiting, waitgen,
                   nstopped, zombHolders, masters, lrep, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1298-1312: PSTALL(p, "reap4", n).                             *)
kern_wait_reap4(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.reap4" /\ Runnable(t)
    /\ IF pcnt[c] > ReapThreshold
         THEN /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
              /\ GoSleep(t, "kern_wait.reap4", tok[t], PlockChan(c), {})
         ELSE /\ Go(t, "kern_wait.vmspace_exitfree", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1313-1315: release q's token around vmspace_exitfree (may     *)
(* block), take it again.                                                  *)
kern_wait_vmspace_exitfree(t) ==
    /\ pc[t] = "kern_wait.vmspace_exitfree" /\ Runnable(t)
    /\ GoBlock(t, "kern_wait.reap5", tok[t], {})
    /\ UNCHANGED <<loc, lwpv, procv, ghost>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1316: PSTALL(p, "reap5", n).                                   *)
kern_wait_reap5(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.reap5" /\ Runnable(t)
    /\ IF pcnt[c] > ReapThreshold
         THEN /\ pwaiting' = [pwaiting EXCEPT ![c] = TRUE]
              /\ GoSleep(t, "kern_wait.reap5", tok[t], PlockChan(c), {})
         ELSE /\ Go(t, "kern_wait.free_proc", tok[t], {})
              /\ UNCHANGED pwaiting
    /\ UNCHANGED <<loc, lwpv, pstat, wexit, postexit, nthreads, plwps, pcnt, pzomb,
                   pwaitres, waitgen, pptr, children, nstopped, ghost, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1318-1328: PRELEZOMB; kfree(p). f2a91d31 (seed 001:1116-1121):*)
(* PHOLD(p) first (its count was dropped before reap3), then PRELEZOMB.   *)
(* Either way the reaper's count goes away: the proc is freed with        *)
(* whatever count other threads still hold (must be 0: free_only_drained_zombie)*)
kern_wait_free_proc(t) ==
    LET c == lchild[t] IN
    /\ pc[t] = "kern_wait.free_proc" /\ Runnable(t)
    /\ pcnt' = [pcnt EXCEPT ![c] = IF Current THEN @ - 1 ELSE @]
    /\ PrelezombProc(c)
    /\ zombHolders' = [zombHolders EXCEPT ![c] = @ \ {t}]
    /\ pstat' = [pstat EXCEPT ![c] = "freed"]
    /\ Go(t, "kern_wait.done", tok[t], IF pwaiting[c] THEN {PlockChan(c)} ELSE {})
    /\ UNCHANGED <<loc, lwpv, wexit, postexit, nthreads, plwps, waitgen, pptr, children,
                   nstopped, masters, reapCount, uaf, ownsReaper, ppwait>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1411-1433: after the scan. nfound == 0: ECHILD; WNOHANG:      *)
(* return 0; else the p_waitgen interlock: while the sampled generation   *)
(* equals the current one: tsleep_interlock(q, PCATCH) and re-sample      *)
(* (kern_wait.interlock); if still equal, tsleep(q, PCATCH|PINTERLOCKED)  *)
(* (kern_wait.sleep). A changed generation goes back to loop.             *)
(* Mutants no_waitgen / no_waitgen_only: interlock and sleep without      *)
(* comparing generations.                                                  *)
NoWaitgen == Bug \in {"no_waitgen", "no_waitgen_only"}

(* seed 000:1412-1415: no child matched the filter: ECHILD.                *)
kern_wait_echild(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.scan_child" /\ Runnable(t)
    /\ children[q] \subseteq lscan[t] /\ ~lnfound[t]
    /\ lret' = [lret EXCEPT ![t] = R("ECHILD")]
    /\ Go(t, "kern_wait.done", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1416-1420: WNOHANG and nothing reportable: return 0.           *)
kern_wait_wnohang(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.scan_child" /\ Runnable(t)
    /\ children[q] \subseteq lscan[t] /\ lnfound[t] /\ "WNOHANG" \in Opts[t]
    /\ lret' = [lret EXCEPT ![t] = R("zero")]
    /\ Go(t, "kern_wait.done", tok[t], {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1425-1428: tsleep_interlock(q, PCATCH), then set p_waitgen's   *)
(* high bit and re-read the generation (atomic_fetchadd_long).             *)
kern_wait_interlock(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.scan_child" /\ Runnable(t)
    /\ children[q] \subseteq lscan[t] /\ lnfound[t] /\ "WNOHANG" \notin Opts[t]
    /\ IF lgen[t] = waitgen[q] \/ NoWaitgen
         THEN /\ lgen' = [lgen EXCEPT ![t] = waitgen[q]]
              /\ pc' = [pc EXCEPT ![t] = "kern_wait.sleep"]
              /\ wchan' = [wchan EXCEPT ![t] = ProcChan(q)]
              /\ UNCHANGED <<tok, tokOk, asleep, lret>>
         ELSE /\ lret' = [lret EXCEPT ![t] = R("loop")]
              /\ Go(t, "kern_wait.done", tok[t], {})
              /\ UNCHANGED lgen
    /\ UNCHANGED <<lchild, llwp, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv, ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* tsleep(q, PCATCH|PINTERLOCKED, "wait", 0) (notes 3): a pending signal  *)
(* returns EINTR at once; a consumed registration returns 0 at once;      *)
(* otherwise sleep, releasing q's token, until a wakeup (or a SIGKILL via *)
(* lwp_signotify, or a spurious wakeup). seed 000:1429-1431.             *)
kern_wait_sleep(t) ==
    LET q == Owner[t] IN
    /\ pc[t] = "kern_wait.sleep" /\ Runnable(t)
    /\ IF lgen[t] # waitgen[q] /\ ~NoWaitgen
         THEN /\ lret' = [lret EXCEPT ![t] = R("loop")]
              /\ Go(t, "kern_wait.done", tok[t], {})
         ELSE IF sigkill[t]
         THEN /\ lret' = [lret EXCEPT ![t] = R("EINTR")]
              /\ Go(t, "kern_wait.done", tok[t], {})
         ELSE IF wchan[t] = NoChan
         THEN /\ lret' = [lret EXCEPT ![t] = R("loop")]
              /\ Go(t, "kern_wait.done", tok[t], {})
         ELSE /\ lret' = [lret EXCEPT ![t] = R("slept")]
              /\ GoSleep(t, "kern_wait.done", tok[t], ProcChan(q), {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

(* seed 000:1434-1440: done: release q->p_token and return; or (no error) *)
(* goto loop. A sleeper woken with SIGKILL pending returns EINTR.         *)
(* "waitall" threads call wait again until ECHILD.                         *)
kern_wait_done(t) ==
    /\ pc[t] = "kern_wait.done" /\ Runnable(t)
    /\ LET r == IF lret[t] = R("slept") THEN (IF sigkill[t] THEN R("EINTR") ELSE R("loop"))
                ELSE lret[t]
       IN IF r = R("loop")
            THEN /\ lret' = [lret EXCEPT ![t] = R("loop")]
                 /\ Go(t, "kern_wait.loop", tok[t], {})
            ELSE /\ lret' = [lret EXCEPT ![t] = r]
                 /\ Go(t, IF Role[t] = "waitall" /\ r \notin {R("ECHILD"), R("EINTR")} /\ ~lwpWexit[t]
                          THEN "kern_wait.loop" ELSE "syscall.idle",
                       ReleaseQ(t), {})
    /\ UNCHANGED <<lchild, llwp, lgen, lscan, lnfound, lmaster, ldowake, lpp, lwpv, procv,
                   ghost, lrep>>
    /\ UNCHANGED lwph
    /\ UNCHANGED stopv

-----------------------------------------------------------------------------
(* Environment *)

(* A sleeping thread wakes without a wakeup() (shared idents, notes 1.9). *)
SpuriousWakeup(t) ==
    /\ Spurious /\ asleep[t] /\ wchan[t] # NoChan
    /\ wchan' = [wchan EXCEPT ![t] = NoChan]
    /\ UNCHANGED <<pc, tok, tokOk, asleep, loc, lwpv, procv, ghost, lwph, stopv>>

(* proc_stop(p, SSTOP) (notes 1.16): the one SIGSTOP of a "STOP" process; *)
(* lwpsignal does not stop a process with P_WEXIT set (notes 1.15), and a *)
(* zombie is never stopped. Lwps stop at their next userret (tstop).       *)
proc_stop_stop(p) ==
    /\ p \in StopTargets /\ ~stopSent[p] /\ pstat[p] = "active" /\ ~wexit[p]
    /\ pstopped' = [pstopped EXCEPT ![p] = TRUE]
    /\ stopSent' = [stopSent EXCEPT ![p] = TRUE]
    /\ UNCHANGED <<ctl, loc, lwpv, procv, ghost, lwph, contSent>>

(* proc_unstop (notes 1.16): the one SIGCONT of a "CONT" process, after   *)
(* its stop: SACTIVE again and wakeup(p) for the tstop sleepers.           *)
proc_unstop_cont(p) ==
    /\ p \in ContTargets /\ stopSent[p] /\ ~contSent[p] /\ pstopped[p]
    /\ pstopped' = [pstopped EXCEPT ![p] = FALSE]
    /\ contSent' = [contSent EXCEPT ![p] = TRUE]
    /\ wchan' = WakeAll({ProcChan(p)})
    /\ UNCHANGED <<pc, tok, tokOk, asleep, loc, lwpv, procv, ghost, lwph, stopSent>>

(* Every thread is idle for good: user mode without a pending exit, dead, *)
(* or the reaper task with nothing to reap. Not a deadlock.               *)
Terminated ==
    \A t \in Threads :
        \/ pc[t] = "dead"
        \/ pc[t] = "syscall.idle" /\ (t \in Lwps => ~lwpWexit[t] /\ ~STOPLWP(Owner[t], t))
        \/ pc[t] = "userret.tstop_sleep" /\ asleep[t] /\ wchan[t] # NoChan /\ STOPLWP(Owner[t], t)
        \/ pc[t] = "reaplwps.idle" /\ deadlwps = {}
        \/ pc[t] = "unborn"

Done == Terminated /\ UNCHANGED vars

ThreadStep(t) ==
    \/ sys_extexit_check_args(t) \/ sys_extexit_check_nthreads(t)
    \/ exit1_enter(t) \/ killalllwps_set_wexit(t) \/ killalllwps_set_wexit_late(t)
    \/ killalllwps_ealready(t) \/ exit1_killalllwps_lost(t) \/ killalllwps_fakestop(t)
    \/ killalllwps_set_self_wexit(t) \/ killlwps_hold_lwp(t) \/ killlwps_signal_lwp(t)
    \/ killlwps_wakeup_stop(t) \/ killlwps_sleep_nthreads(t) \/ killalllwps_finish(t)
    \/ exit1_postexit(t) \/ exit1_fdfree(t) \/ exit1_vmspace_relexit(t)
    \/ exit1_ppwait(t) \/ vfork_ppwait(t)
    \/ exit1_reap1(t) \/ exit1_reap1a(t) \/ exit1_move_zombie(t) \/ exit1_waitgen_bump(t)
    \/ exit1_reaper_get(t) \/ exit1_hold_child(t) \/ exit1_move_child(t)
    \/ exit1_cldwait_reparent(t) \/ proc_reparent_hold(t) \/ proc_reparent_get_tokens(t)
    \/ proc_reparent_move(t)
    \/ exit1_hold_parent(t) \/ exit1_signal_parent(t) \/ exit1_call_lwp_exit(t)
    \/ lwp_exit_enter(t) \/ lwp_exit_lwpexit_poll(t) \/ lwp_exit_hold_proc(t) \/ lwp_exit_remove_nonmaster(t)
    \/ lwp_exit_deadlwp_queue(t) \/ lwp_exit_master_dec(t) \/ lwp_exit_release_token(t)
    \/ lwp_exit_late_wakeup(t) \/ lwp_exit_switch_out(t) \/ lwp_exit_exitsig(t)
    \/ reaplwps_pop(t) \/ lwp_wait_exitsig(t) \/ lwp_dispose_free(t)
    \/ userret_lwpuserret(t) \/ userret_postsig(t) \/ userret_tstop(t) \/ userret_tstop_sleep(t)
    \/ syscall_enter(t) \/ lwp_create1_create(t) \/ lwp_create1_insert(t)
    \/ kern_wait_loop(t) \/ kern_wait_sample_waitgen(t) \/ kern_wait_scan_child(t)
    \/ kern_wait_skip_child(t) \/ kern_wait_pholdzomb(t) \/ kern_wait_zomb_token(t)
    \/ kern_wait_waitres_set(t) \/ kern_wait_lwpzomb_sleep(t) \/ kern_wait_zomblwp_poll(t)
    \/ kern_wait_reap_master_lwp(t) \/ kern_wait_reap3(t) \/ kern_wait_wnowait(t)
    \/ kern_wait_reap2(t) \/ kern_wait_reap2a(t) \/ kern_wait_remove_zombie(t)
    \/ kern_wait_reap4(t) \/ kern_wait_vmspace_exitfree(t) \/ kern_wait_reap5(t)
    \/ kern_wait_free_proc(t) \/ kern_wait_echild(t) \/ kern_wait_wnohang(t)
    \/ kern_wait_interlock(t) \/ kern_wait_sleep(t) \/ kern_wait_done(t)

Next ==
    \/ \E t \in Threads : ThreadStep(t)
    \/ \E t \in Threads : SpuriousWakeup(t)
    \/ \E p \in Procs : proc_stop_stop(p) \/ proc_unstop_cont(p)
    \/ Done

Spec == Init /\ [][Next]_vars

(* Weak fairness of every kernel thread (the scheduler runs every          *)
(* runnable thread eventually). Spurious wakeups get no fairness.          *)
FairSpec == Spec /\ \A t \in Threads : WF_vars(ThreadStep(t))

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants: the implementation's invariant predicates and event checks *)
(* (impl/dragonfly/invariants.ts), under the same (snake_case) names, for  *)
(* hazards H1-H23 of the note, section 6; CamelCase ones are model-only.   *)
(***************************************************************************)

(* notes 2: a token is held (while running) by at most one thread.        *)
token_discipline ==
    \A x \in Procs : \A u, v \in Threads : HeldBy(x, u) /\ HeldBy(x, v) => u = v

(* H1: at most one thread of a process performs the master exit, and     *)
(* P_WEXIT stays set from then on.                                         *)
single_master_exit == \A p \in Procs : Cardinality(masters[p]) <= 1
WexitStaysSet == \A p \in Procs : masters[p] # {} => wexit[p]

(* H2: once killalllwps returned 0 (the master is past it), p_nthreads is *)
(* 1 until the master's own lwp_exit decrements it.                        *)
PastKillall == {"exit1.postexit", "exit1.fdfree", "exit1.vmspace_relexit", "exit1.reap1",
                "exit1.reap1a", "exit1.move_zombie", "exit1.waitgen_bump", "exit1.reaper_get",
                "exit1.hold_child", "exit1.move_child", "exit1.cldwait_reparent",
                "proc_reparent.hold", "proc_reparent.get_tokens", "proc_reparent.move",
                "exit1.hold_parent",
                "exit1.signal_parent", "exit1.call_lwp_exit"}
killalllwps_leaves_one ==
    \A t \in Lwps : pc[t] \in PastKillall => nthreads[Owner[t]] = 1

(* H6: p_nstopped counts the lwps with LWP_MP_WSTOP.                       *)
nstopped_consistent ==
    \A p \in Procs : nstopped[p] = Cardinality({l \in Lwps : Owner[l] = p /\ lwpWstop[l]})

(* H7: a zombie has no lwp left but its master (still running or not yet *)
(* reaped), and p_nthreads <= 1 heading to 0.                              *)
ZombieOnlyMaster ==
    \A p \in Procs : pstat[p] = "zomb" => plwps[p] \subseteq masters[p] /\ nthreads[p] <= 1

(* H10: at most one thread holds a process's zombie lock; WAITRES implies *)
(* ZOMB; the flag and the holder agree.                                    *)
zombie_lock_single == \A p \in Procs : Cardinality(zombHolders[p]) <= 1
waitres_implies_zomb == \A p \in Procs : pwaitres[p] => pzomb[p]
ZombFlagHeld == \A p \in Procs : pzomb[p] <=> zombHolders[p] # {}

(* Each exited child is reaped (unlinked by a reaping wait) at most once. *)
reaped_once == \A p \in Procs : reapCount[p] <= 1

(* H13: a process is freed only when its hold count has drained, it is no *)
(* longer linked anywhere, its zombie lock is released and no lwp is left.*)
free_only_drained_zombie ==
    \A p \in Procs : pstat[p] = "freed" =>
        /\ pcnt[p] = 0 /\ ~pzomb[p] /\ plwps[p] = {} /\ pptr[p] = NoProc
        /\ \A q \in Procs : p \notin children[q]

(* Only a reaped zombie is freed.                                          *)
FreedWasReaped == \A p \in Procs : pstat[p] = "freed" => reapCount[p] = 1

(* H4/H12/H17: no step touched a freed process or a disposed lwp.         *)
no_use_after_free == ~uaf

(* H16: p_children and p_pptr agree.                                       *)
children_pptr_agree ==
    \A p, c \in Procs : (c \in children[p]) <=> (pptr[c] = p)

(* Every process that is not freed and not yet reaped has a parent that  *)
(* is not freed (init excepted).                                           *)
parent_live ==
    \A c \in Procs \ {InitProc} :
        pstat[c] # "freed" /\ pptr[c] # NoProc => pstat[pptr[c]] # "freed"

(* A zombie is on its parent's child list until reaped.                    *)
ZombieLinkedUntilReaped ==
    \A c \in Procs : pstat[c] = "zomb" /\ reapCount[c] = 0 =>
        pptr[c] # NoProc /\ c \in children[pptr[c]]

(* A zombie has at most its master lwp left, p_nthreads heading to 0, and *)
(* stays on its parent's list until reaped (H7).                           *)
zombie_consistency == ZombieOnlyMaster /\ ZombieLinkedUntilReaped

(* H22: a process that had lwps has p_nthreads = 0 only as a zombie.      *)
nthreads_zero_implies_zombie ==
    \A p \in Procs : nthreads[p] = 0 /\ (\E l \in Lwps : Owner[l] = p) => pstat[p] # "active"

(* Hold counts never go negative (PRELE/PRELEZOMB underflow).              *)
hold_counts_nonnegative == \A p \in Procs : pcnt[p] >= 0

(* H23: a freed process has no children left.                              *)
freed_has_no_children == \A p \in Procs : pstat[p] = "freed" => children[p] = {}

(* H14: an lwp is disposed only after its thread switched out for good.   *)
lwp_dispose_dead == \A l \in lwpFreed : pc[l] = "dead"

(* H7/H15: once a process is a zombie, every lwp but the master has been   *)
(* disposed (their lwp_exit holds kept reap1 waiting until then).          *)
zombie_lwps_disposed ==
    \A p \in Procs : pstat[p] # "active" =>
        \A l \in Lwps : (Owner[l] = p /\ l \notin masters[p]) => l \in lwpFreed

(* H21 (impl/dragonfly/invariants.ts killed_lwps_marked): once the       *)
(* master's killlwps has signalled every                                  *)
(* lwp, every lwp in the tree is flagged to exit or has SIGKILL pending.   *)
killed_lwps_marked ==
    \A p \in Procs : \A t \in masters[p] :
        pc[t] \in {"killlwps.sleep_nthreads", "killalllwps.finish"} =>
            \A l \in plwps[p] : lwpWexit[l] \/ sigkill[l]

(* p_nthreads counts the lwps still in the tree that have not passed      *)
(* their decrement.                                                        *)
NthreadsBounded == \A p \in Procs : nthreads[p] <= Cardinality(plwps[p])

Safety ==
    /\ token_discipline /\ single_master_exit /\ WexitStaysSet /\ killalllwps_leaves_one
    /\ nstopped_consistent /\ ZombieOnlyMaster /\ zombie_lock_single /\ waitres_implies_zomb
    /\ ZombFlagHeld /\ reaped_once /\ free_only_drained_zombie /\ FreedWasReaped
    /\ no_use_after_free /\ children_pptr_agree /\ parent_live /\ ZombieLinkedUntilReaped
    /\ NthreadsBounded /\ nthreads_zero_implies_zombie /\ hold_counts_nonnegative
    /\ freed_has_no_children /\ lwp_dispose_dead /\ zombie_lwps_disposed

-----------------------------------------------------------------------------
(***************************************************************************)
(* Liveness (checked under FairSpec, separate model configs)               *)
(***************************************************************************)

WaitPcs == {"kern_wait.loop", "kern_wait.sample_waitgen", "kern_wait.scan_child",
            "kern_wait.skip_child", "kern_wait.pholdzomb", "kern_wait.pholdzomb.slept",
            "kern_wait.zomb_token", "kern_wait.sleep", "kern_wait.done"}

HasZombieChild(q) == \E c \in children[q] : pstat[c] = "zomb"

(* H9/H11: a thread waiting in kern_wait while its process has a zombie   *)
(* child eventually leaves the waiting loop (reaps it, or loses it to a   *)
(* sibling thread and returns).                                            *)
WaiterWithZombieReturns ==
    \A t \in Threads :
        (pc[t] \in WaitPcs /\ HasZombieChild(Owner[t])) ~> (pc[t] \notin WaitPcs)

(* H2/H3: killlwps eventually sees p_nthreads = 1.                         *)
KilllwpsCompletes ==
    \A t \in Threads : (pc[t] = "killlwps.sleep_nthreads") ~> (pc[t] = "killalllwps.finish")

(* Every zombie whose parent keeps waiting is eventually freed.            *)
ZombiesEventuallyFreed ==
    \A c \in Procs : (pstat[c] = "zomb") ~> (pstat[c] = "freed")

=============================================================================
