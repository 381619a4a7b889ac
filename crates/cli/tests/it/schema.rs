//! Both backends have the same tables, columns and nullability.

use crate::helpers::PG_DEFAULT;

#[tokio::test]
async fn sqlite_and_postgres_schemas_match() {
    let dir = std::env::temp_dir().join(format!("werkstatt-schema-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = werkstatt_store::Db::open(&format!("sqlite://{}", dir.join("s.db").display()))
        .await
        .unwrap();
    let url = std::env::var("WERKSTATT_TEST_PG").unwrap_or_else(|_| PG_DEFAULT.into());
    let schema = format!("s_{}", uuid::Uuid::new_v4().simple());
    let pg = werkstatt_store::Db::connect_postgres_schema(&url, &schema)
        .await
        .expect("PostgreSQL must be running for this test");
    pg.migrate().await.unwrap();
    let a = werkstatt_store::schema::columns(&sqlite).await.unwrap();
    let b = werkstatt_store::schema::columns(&pg).await.unwrap();
    assert!(a.len() > 60, "{} columns", a.len());
    assert_eq!(a, b);
    assert_eq!(
        sqlite.schema_version().await.unwrap(),
        werkstatt_store::LATEST_MIGRATION
    );
    assert_eq!(
        pg.schema_version().await.unwrap(),
        werkstatt_store::LATEST_MIGRATION
    );
    let _ = std::fs::remove_dir_all(dir);
}
