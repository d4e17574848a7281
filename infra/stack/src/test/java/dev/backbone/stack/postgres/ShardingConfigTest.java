package dev.backbone.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backbone.sharding.CustomerShardingAlgorithm;
import dev.backbone.stack.ProjectRoot;
import dev.backbone.stack.StackLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Tag;

class ShardingConfigTest {

    @Test
    @SuppressWarnings("unchecked")
    void shouldDeclareOneDataSourcePerShardAndShardEveryTableByCustomer() {
        String yaml = ShardingConfig.render(StackLayout.developer(ProjectRoot.locate(), 3));
        // ShardingSphere's rule tag is not a SnakeYAML type: read it as a plain map.
        Constructor constructor = new Constructor(new LoaderOptions());
        constructor.addTypeDescription(new org.yaml.snakeyaml.TypeDescription(Map.class, new Tag("!SHARDING")));
        Map<String, Object> root = new Yaml(constructor).load(yaml);

        Map<String, Map<String, Object>> dataSources = (Map<String, Map<String, Object>>) root.get("dataSources");
        assertThat(dataSources).containsOnlyKeys("shard_0", "shard_1", "shard_2");
        assertThat((String) dataSources.get("shard_2").get("jdbcUrl")).contains("15436,127.0.0.1:15437").contains("targetServerType=primary");

        Map<String, Object> rule = ((List<Map<String, Object>>) root.get("rules")).get(0);
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) rule.get("tables");
        assertThat(tables).containsOnlyKeys(ShardingConfig.SHARDED_TABLES.toArray(String[]::new));
        assertThat(tables.get("orders").get("actualDataNodes"))
                .isEqualTo("<LITERAL>shard_0.orders,shard_1.orders,shard_2.orders");
        assertThat(yaml).contains("shardingColumn: customer_id").contains("algorithmClassName: " + CustomerShardingAlgorithm.CLASS_NAME);
    }
}
