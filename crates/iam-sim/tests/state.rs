//! `--state FILE`: the store survives a restart, and a SIGKILL during writes loses no
//! acknowledged write and never leaves a half-written file.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use common::{dev_credentials, start_with, temp_state_path, Sim, BASE};
use reqwest::Method;
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_iam-sim");
const EDGERC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/sim.edgerc");

fn config_with_state(path: &std::path::Path) -> iam_sim::Config {
    let mut config = iam_sim::Config::new(dev_credentials());
    config.state_file = Some(path.to_owned());
    config
}

#[tokio::test]
async fn state_file_written_on_change_and_read_back_after_restart() {
    let path = temp_state_path("restart");
    let sim = start_with(config_with_state(&path)).await;
    assert!(!path.exists(), "reads alone write nothing");
    let g = sim
        .json(
            Method::POST,
            &format!("{BASE}/user-admin/groups/18002"),
            Some(&json!({"groupName": "Persisted"})),
        )
        .await;
    assert_eq!(g.status, 201);
    let g = g.body["groupId"].as_i64().unwrap();
    let u = sim
        .json(
            Method::POST,
            &format!("{BASE}/user-admin/ui-identities"),
            Some(
                &json!({"firstName": "Per", "lastName": "Sisted", "email": "per@example.com",
                "country": "USA", "additionalAuthentication": "NONE",
                "authGrants": [{"groupId": g, "roleId": 6}]}),
            ),
        )
        .await;
    assert_eq!(u.status, 201);
    let u = u.body["uiIdentityId"].as_str().unwrap().to_owned();
    assert_eq!(
        sim.signed(
            Method::POST,
            &format!("{BASE}/user-admin/ui-identities/{u}/lock"),
            b""
        )
        .await
        .status,
        204
    );
    assert!(path.exists());
    let mut tmp = path.clone().into_os_string();
    tmp.push(".tmp");
    assert!(
        !std::path::Path::new(&tmp).exists(),
        "no temporary file left"
    );

    let again = start_with(config_with_state(&path)).await;
    let group = again.get(&format!("{BASE}/user-admin/groups/{g}")).await;
    assert_eq!(group.status, 200);
    assert_eq!(group.body["groupName"], "Persisted");
    let user = again
        .get(&format!(
            "{BASE}/user-admin/ui-identities/{u}?authGrants=true"
        ))
        .await;
    assert_eq!(user.status, 200);
    assert_eq!(user.body["isLocked"], true);
    assert_eq!(user.body["authGrants"][0]["groupId"], g);
    // New ids never reuse old ones across the restart.
    let g2 = again
        .json(
            Method::POST,
            &format!("{BASE}/user-admin/groups/18002"),
            Some(&json!({"groupName": "After restart"})),
        )
        .await;
    assert!(g2.body["groupId"].as_i64().unwrap() > g);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

struct Running {
    child: Child,
    sim: Sim,
}

fn spawn_sim(state: &std::path::Path) -> Running {
    let mut child = Command::new(BIN)
        .args(["--edgerc", EDGERC, "--listen", "127.0.0.1:0", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let origin = line
        .trim_end()
        .strip_prefix("iam-sim listening on ")
        .unwrap_or_else(|| panic!("unexpected line {line:?}"))
        .to_owned();
    Running {
        child,
        sim: Sim::at(origin),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_writes_keeps_every_acknowledged_write() {
    let path = temp_state_path("sigkill");
    let mut running = spawn_sim(&path);
    let sim = Arc::new(running.sim);
    let acked: Arc<Mutex<Vec<i64>>> = Arc::default();
    let attempted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (writers, per_writer) = (4, 150);
    let mut tasks = Vec::new();
    for w in 0..writers {
        let (sim, acked, attempted) = (sim.clone(), acked.clone(), attempted.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..per_writer {
                attempted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let body = json!({"groupName": format!("writer {w} item {i}")}).to_string();
                match sim
                    .try_signed(
                        Method::POST,
                        &format!("{BASE}/user-admin/groups/18000"),
                        body.as_bytes(),
                    )
                    .await
                {
                    Ok(r) if r.status.is_success() => {
                        acked
                            .lock()
                            .unwrap()
                            .push(r.body["groupId"].as_i64().unwrap());
                    }
                    _ => break,
                }
            }
        }));
    }
    // Kill while writes are in flight.
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        if acked.lock().unwrap().len() >= 40 {
            break;
        }
    }
    running.child.kill().unwrap();
    running.child.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    let attempted = attempted.load(std::sync::atomic::Ordering::SeqCst);

    let restarted = spawn_sim(&path);
    let groups = restarted
        .sim
        .get(&format!("{BASE}/user-admin/groups/18000"))
        .await;
    assert_eq!(groups.status, 200, "the state file loads after SIGKILL");
    let present: std::collections::BTreeSet<i64> = groups.body["subGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupId"].as_i64().unwrap())
        .collect();
    let missing: Vec<_> = acked.iter().filter(|id| !present.contains(id)).collect();
    println!(
        "sigkill: {attempted} writes attempted, {} acknowledged, {} present after restart ({} created by writes), {} acknowledged missing",
        acked.len(),
        present.len(),
        present.len() - 3,
        missing.len()
    );
    let mut child = restarted.child;
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        acked.len() < writers * per_writer,
        "killed before all writes finished"
    );
    assert!(missing.is_empty(), "acknowledged writes lost: {missing:?}");
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
