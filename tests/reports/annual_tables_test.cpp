// SPDX-License-Identifier: Apache-2.0
// reports::annualTables on a real store: 表三 from the request register (a request received in
// one year and answered in the next moves between the two years' tables), 表四 totals computed
// or checked, empty tables flagged; every expected cell worked out by hand.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "reports/annual_figures.h"
#include "store/registers_repo.h"
#include "tests/support/temp_dir.h"

namespace pubtrack::reports {
namespace {

core::Date D(const char* iso) { return *core::Date::parse(iso); }

class AnnualTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir_ / "t.db");
    ASSERT_TRUE(opened) << opened.error().describe();
    db_ = std::move(opened.value());
    repo_ = std::make_unique<store::RegistersRepo>(*db_);
  }
  void request(const char* ref, const char* received, const char* applicant,
               const char* outcome = "", const char* closed = "") {
    store::DisclosureRequest r;
    r.ref = ref;
    r.received = D(received);
    r.applicant = applicant;
    r.outcome = outcome;
    if (*closed) r.closed = D(closed);
    r.origin = "test";
    repo_->upsertRequest(r, "2030-01-01T00:00:00Z");
  }
  std::vector<std::string> kinds(const std::vector<Check>& checks) {
    std::vector<std::string> out;
    for (const auto& c : checks) out.push_back(c.kind + "@" + c.source);
    return out;
  }

  fakes::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::RegistersRepo> repo_;
};

TEST_F(AnnualTablesTest, Table3FollowsEachRequestAcrossTheTurnOfTheYear) {
  // 2020-12-20 natural, answered 2021-01-05: 2020's pending, 2021's carried and disclosed.
  request("A", "2020-12-20", "natural", "disclosed", "2021-01-05");
  // 2021: three new requests.
  request("B", "2021-03-01", "commercial", "partial", "2021-03-20");
  request("C", "2021-06-01", "natural", "other.unpaid_fee", "2021-07-01");
  request("D", "2021-12-30", "legal_services");  // still open at the end of 2021
  // 2022 only, not part of 2021.
  request("E", "2022-01-03", "natural");

  std::vector<Check> checks;
  const auto t = annualTables(*db_, 2021, model::Layout::Y2021, checks);
  ASSERT_TRUE(t.t3_has_data());
  // 一: B, C, D. 二: A. 三: A disclosed, B partial, C other.unpaid_fee; （七） 3. 四: D.
  EXPECT_EQ(t.cell("t3.new.total"), 3);
  EXPECT_EQ(t.cell("t3.new.natural"), 1);
  EXPECT_EQ(t.cell("t3.new.commercial"), 1);
  EXPECT_EQ(t.cell("t3.new.legal_services"), 1);
  EXPECT_EQ(t.cell("t3.carried.natural"), 1);
  EXPECT_EQ(t.cell("t3.carried.total"), 1);
  EXPECT_EQ(t.cell("t3.disclosed.natural"), 1);
  EXPECT_EQ(t.cell("t3.partial.commercial"), 1);
  EXPECT_EQ(t.cell("t3.other.unpaid_fee.natural"), 1);
  EXPECT_EQ(t.cell("t3.total.total"), 3);
  EXPECT_EQ(t.cell("t3.total.natural"), 2);
  EXPECT_EQ(t.cell("t3.pending.legal_services"), 1);
  EXPECT_EQ(t.cell("t3.pending.total"), 1);
  EXPECT_EQ(t.cell("t3.new.research"), 0);  // a column without requests: 0, the table has data
  // 2020: A new and pending; nothing answered.
  std::vector<Check> checks2020;
  const auto last = annualTables(*db_, 2020, model::Layout::Y2019, checks2020);
  EXPECT_EQ(last.cell("t3.new.total"), 1);
  EXPECT_EQ(last.cell("t3.pending.total"), 1);
  EXPECT_EQ(last.cell("t3.total.total"), 0);
  // 2019's layout folds （六）'s items into one row.
  std::vector<Check> unused;
  const auto old = annualTables(*db_, 2021, model::Layout::Y2019, unused);
  EXPECT_EQ(old.cell("t3.other.natural"), 1);
  EXPECT_FALSE(old.cell("t3.other.unpaid_fee.natural"));
  // No balance, total or carried-over problem; 表二 and 表四 are empty and said so.
  EXPECT_EQ(kinds(checks), (std::vector<std::string>{"table_empty@table2", "table_empty@table4"}));
}

TEST_F(AnnualTablesTest, Table4TotalsAreComputedOrChecked) {
  const std::string now = "2030-01-01T00:00:00Z";
  // Review: parts 3 + 1 + 0 + 1 = 5, no total given: computed. Direct suits: total 4 given but
  // the parts say 2 + 1 = 3: flagged on that cell.
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, int64_t>>{{"t4.review.upheld", 3},
                                                    {"t4.review.corrected", 1},
                                                    {"t4.review.pending", 1},
                                                    {"t4.suit_direct.upheld", 2},
                                                    {"t4.suit_direct.other", 1},
                                                    {"t4.suit_direct.total", 4},
                                                    {"t2.rules.issued", 2}})
    repo_->setFigure(2021, key, value, "test", now);
  std::vector<Check> checks;
  const auto t = annualTables(*db_, 2021, model::Layout::Y2021, checks);
  EXPECT_EQ(t.cell("t4.review.total"), 5);
  EXPECT_EQ(t.cell("t4.review.other"), 0);
  EXPECT_EQ(t.cell("t4.suit_direct.total"), 4);
  EXPECT_EQ(t.cell("t4.suit_after_review.total"), 0);
  EXPECT_EQ(t.cell("t2.rules.issued"), 2);
  EXPECT_FALSE(t.cell("t2.rules.repealed"));  // not given: no value, never a made-up zero
  EXPECT_EQ(kinds(checks),
            (std::vector<std::string>{"table_total@t4.suit_direct.total", "table_empty@table3"}));
  // A figure of the other layout is not a cell of this year's tables.
  repo_->setFigure(2021, "t2.rules.made", 9, "test", now);
  std::vector<Check> again;
  EXPECT_FALSE(annualTables(*db_, 2021, model::Layout::Y2021, again).cell("t2.rules.made"));
}

}  // namespace
}  // namespace pubtrack::reports
